/** When the phone scanned, sent with the pick (the outbox may deliver it later). */
export function deviceTime(): string {
	return new Date().toISOString();
}
