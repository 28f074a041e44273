import { scanSettings } from './settings.svelte';

// A scan answers with a sound and a buzz as well as on screen (DESIGN §4): a picker looks
// at the shelf, not the phone. Generated tones, no files to fetch or cache. One short high
// beep: found. Two low buzzes: unknown or wrong. A rising pair: the same item again.
export type Tone = 'ok' | 'same' | 'wrong';

let audio: AudioContext | undefined;

function beep(frequency: number, start: number, length: number): void {
	audio ??= new AudioContext();
	if (audio.state === 'suspended') void audio.resume();
	const osc = audio.createOscillator();
	const gain = audio.createGain();
	osc.type = frequency < 400 ? 'square' : 'sine';
	osc.frequency.value = frequency;
	gain.gain.value = 0.12;
	osc.connect(gain).connect(audio.destination);
	osc.start(audio.currentTime + start);
	osc.stop(audio.currentTime + start + length);
}

const VIBRATION: Record<Tone, number | number[]> = {
	ok: 40,
	same: [30, 60, 30],
	wrong: [120, 80, 120]
};

export function signal(tone: Tone): void {
	if (scanSettings.sound) {
		try {
			if (tone === 'ok') beep(1320, 0, 0.08);
			else if (tone === 'same') {
				beep(990, 0, 0.06);
				beep(1320, 0.09, 0.06);
			} else {
				beep(220, 0, 0.15);
				beep(220, 0.2, 0.15);
			}
		} catch {
			// No audio (autoplay policy, headless): the banner and the buzz still say it.
		}
	}
	try {
		navigator.vibrate?.(VIBRATION[tone]);
	} catch {
		// iOS has no vibration.
	}
}
