import { generateHOTP } from '@oslojs/otp';

/** RFC 6238 code for a given time (oslo's generateTOTP only knows "now"). */
export function generateTOTP(secret: Uint8Array, stepSeconds: number, digits: number, at: number) {
	return generateHOTP(secret, BigInt(Math.floor(at / 1000 / stepSeconds)), digits);
}
