import { describe, expect, it } from 'vitest';
import { titleCase } from './title-case';

describe('titleCase', () => {
	it.each([
		['WHITE HANGING HEART T-LIGHT HOLDER', 'White Hanging Heart T-Light Holder'],
		['SET OF 3 CAKE TINS PANTRY DESIGN ', 'Set of 3 Cake Tins Pantry Design'],
		['SET/6 RED SPOTTY PAPER CUPS', 'Set/6 Red Spotty Paper Cups'],
		['RED TOADSTOOL LED NIGHT LIGHT', 'Red Toadstool LED Night Light'],
		['POLYESTER FILLER PAD 65CMx65CM', 'Polyester Filler Pad 65cmx65cm'],
		['GREEN CHRISTMAS TREE STRING 20LIGHT', 'Green Christmas Tree String 20Light'],
		["PAPER CHAIN KIT 50'S CHRISTMAS ", "Paper Chain Kit 50's Christmas"],
		["DAD'S CAB ELECTRONIC METER", "Dad's Cab Electronic Meter"],
		['3D DOG PICTURE PLAYING CARDS', '3D Dog Picture Playing Cards'],
		['HOOK, 1 HANGER ,MAGIC GARDEN', 'Hook, 1 Hanger, Magic Garden'],
		['*USB Office Mirror Ball', 'USB Office Mirror Ball'],
		['FANCY FONT BIRTHDAY CARD, ', 'Fancy Font Birthday Card']
	])('writes %j as %j', (description, name) => {
		expect(titleCase(description)).toBe(name);
	});

	it('keeps a small word capitalised when it starts the name', () => {
		expect(titleCase('IN THE GARDEN SIGN')).toBe('In the Garden Sign');
	});
});
