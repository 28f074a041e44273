import { describe, expect, it } from 'vitest';
import { BurstDetector, type BurstStep } from './burst';

/** Types `text` then Enter, `gap` ms apart, from `start`; returns the last step. */
function type(detector: BurstDetector, text: string, gap: number, start = 1000): BurstStep[] {
	const steps: BurstStep[] = [];
	let time = start;
	for (const key of [...text, 'Enter']) {
		steps.push(detector.push({ key, time, shortcut: false }));
		time += gap;
	}
	return steps;
}

describe('BurstDetector', () => {
	it('reads a fast burst ending in Enter as a scan', () => {
		const steps = type(new BurstDetector(), '5012345678900', 8);
		expect(steps[0]).toEqual({ kind: 'start' });
		expect(steps[1]).toEqual({ kind: 'char' });
		expect(steps.at(-1)).toEqual({ kind: 'scan', code: '5012345678900' });
	});

	it('does not take a person typing for a scan', () => {
		expect(type(new BurstDetector(), 'ORD-10042', 110).at(-1)).toEqual({ kind: 'none' });
	});

	it('ignores a fast burst shorter than six characters (key rollover, a short word)', () => {
		expect(type(new BurstDetector(), 'abcde', 5).at(-1)).toEqual({ kind: 'none' });
	});

	it('takes only the burst after slow typing: old keys are not part of the code', () => {
		const detector = new BurstDetector();
		detector.push({ key: 'x', time: 0, shortcut: false });
		detector.push({ key: 'y', time: 150, shortcut: false });
		expect(type(detector, '85123A9', 10, 600).at(-1)).toEqual({ kind: 'scan', code: '85123A9' });
	});

	it('needs the Enter to follow the burst at once', () => {
		const detector = new BurstDetector();
		const steps = type(detector, '501234', 5);
		expect(steps.at(-1)).toEqual({ kind: 'scan', code: '501234' });
		const late = new BurstDetector();
		for (const [i, key] of [...'501234'].entries())
			late.push({ key, time: i * 5, shortcut: false });
		expect(late.push({ key: 'Enter', time: 1500, shortcut: false })).toEqual({ kind: 'none' });
	});

	it("keeps a burst whole across a busy page's pauses (a cold start)", () => {
		const detector = new BurstDetector();
		const keys: [string, number][] = [
			['5', 0],
			['0', 6],
			['0', 12],
			['8', 18],
			['5', 24],
			['1', 400],
			['2', 406],
			['3', 412],
			['0', 418],
			['1', 424],
			['0', 430],
			['0', 436],
			['9', 442]
		];
		for (const [key, time] of keys) detector.push({ key, time, shortcut: false });
		expect(detector.push({ key: 'Enter', time: 700, shortcut: false })).toEqual({
			kind: 'scan',
			code: '5008512301009'
		});
	});

	it('a lone key a person typed before a scan is not part of it', () => {
		const detector = new BurstDetector();
		detector.push({ key: 'x', time: 0, shortcut: false });
		expect(detector.push({ key: '5', time: 300, shortcut: false })).toEqual({ kind: 'start' });
		expect(type(detector, '012345678', 5, 305).at(-1)).toEqual({
			kind: 'scan',
			code: '5012345678'
		});
	});

	it('slow typing with a few fast pairs is still typing', () => {
		const detector = new BurstDetector();
		const keys: [string, number][] = [
			['l', 0],
			['a', 30],
			['n', 200],
			['t', 230],
			['e', 400],
			['r', 430],
			['n', 600]
		];
		for (const [key, time] of keys) detector.push({ key, time, shortcut: false });
		expect(detector.push({ key: 'Enter', time: 620, shortcut: false })).toEqual({ kind: 'none' });
	});

	it('lets Shift through (capitals) without breaking the burst', () => {
		const detector = new BurstDetector();
		let time = 0;
		for (const key of ['R', 'Shift', 'E', 'Shift', 'T', '-', '4', '2', '0', '0', '1']) {
			detector.push({ key, time: (time += 4), shortcut: false });
		}
		expect(detector.push({ key: 'Enter', time: time + 4, shortcut: false })).toEqual({
			kind: 'scan',
			code: 'RET-42001'
		});
	});

	it('a shortcut or a navigation key breaks the burst', () => {
		for (const key of ['Tab', 'Backspace', 'ArrowDown']) {
			const detector = new BurstDetector();
			for (const [i, ch] of [...'501234'].entries())
				detector.push({ key: ch, time: i, shortcut: false });
			detector.push({ key, time: 6, shortcut: false });
			expect(detector.push({ key: 'Enter', time: 7, shortcut: false })).toEqual({ kind: 'none' });
		}
		const detector = new BurstDetector();
		for (const [i, ch] of [...'501234'].entries())
			detector.push({ key: ch, time: i, shortcut: i === 3 });
		expect(detector.push({ key: 'Enter', time: 7, shortcut: false })).toEqual({ kind: 'none' });
	});

	it('starts afresh after each scan: the next burst is not appended', () => {
		const detector = new BurstDetector();
		type(detector, '50085123010095', 5, 0);
		expect(type(detector, '5002218900009', 5, 2000).at(-1)).toEqual({
			kind: 'scan',
			code: '5002218900009'
		});
	});
});
