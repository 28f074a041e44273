import { client } from '$lib/api';
import { request } from '$lib/request';
import type { SendPhoto } from './photo-queue.svelte';

// The upload calls (the body is the photo itself, not JSON): the typed client's route, with
// the body and headers given through `init`, answered like every other call by `request`.
const raw = (photo: Blob, key: string) => ({
	headers: { 'content-type': photo.type, 'idempotency-key': key },
	init: { body: photo }
});

/** A received unit's photo at inspection (returns.receive). */
export const sendUnitPhoto =
	(returnId: string, unitId: string): SendPhoto =>
	(photo, key) =>
		request(
			client.returns[':id'].units[':unitId'].evidence.$post(
				{ param: { id: returnId, unitId } },
				raw(photo, key)
			)
		);

/** A claim's photo (returns.authorize). */
export const sendClaimPhoto =
	(claimId: string): SendPhoto =>
	(photo, key) =>
		request(client.claims[':id'].evidence.$post({ param: { id: claimId } }, raw(photo, key)));
