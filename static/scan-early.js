// Keys typed before Ordo has started (a cold start: the installed app opened, a reload, a
// tab the OS killed) are kept here for the scan listener (web/lib/scan/scanner.svelte.ts),
// so a scan into the start-up screen is not lost. Only keys outside form fields, only in
// the first seconds, and never more than a code's worth: nothing typed into a form is kept.
(function () {
	var keys = (window.__ordoEarlyKeys = []);
	function keep(event) {
		var target = event.target;
		var tag = target && target.tagName;
		if (event.timeStamp > 15000 || keys.length >= 128) return stop();
		if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
		keys.push({
			key: event.key,
			time: event.timeStamp,
			shortcut: event.ctrlKey || event.altKey || event.metaKey
		});
	}
	function stop() {
		window.removeEventListener('keydown', keep, true);
	}
	window.__ordoEarlyKeysStop = stop;
	window.addEventListener('keydown', keep, true);
})();
