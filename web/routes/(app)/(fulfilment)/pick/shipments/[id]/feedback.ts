// A scan answers at once with sound and vibration as well as on screen (DESIGN §4): a
// picker looks at the shelf, not the phone. One short high beep is right; a low double
// buzz is wrong. Both are best effort: a browser without them still shows the result.
let audio: AudioContext | undefined;

function tone(frequency: number, start: number, length: number): void {
	audio ??= new AudioContext();
	const osc = audio.createOscillator();
	const gain = audio.createGain();
	osc.frequency.value = frequency;
	gain.gain.value = 0.15;
	osc.connect(gain).connect(audio.destination);
	osc.start(audio.currentTime + start);
	osc.stop(audio.currentTime + start + length);
}

export function signal(kind: 'ok' | 'wrong'): void {
	try {
		if (kind === 'ok') tone(1320, 0, 0.08);
		else {
			tone(220, 0, 0.15);
			tone(220, 0.2, 0.15);
		}
	} catch {
		// No audio (policy, headless): the screen still says it.
	}
	navigator.vibrate?.(kind === 'ok' ? 40 : [120, 80, 120]);
}
