import { noteActivity } from '$lib/auth/activity';
import { ApiProblem, readProblem, unreachable } from '$lib/problem';

/**
 * POSTs JSON and reports upload progress (0–1), which fetch cannot: a 100,000-customer file
 * is ~12 MiB, a minute on a slow link. Same answers as `request` (an ApiProblem on failure).
 */
export function postWithProgress<T>(
	url: string,
	body: unknown,
	onProgress: (fraction: number) => void
): Promise<T> {
	const sentAt = Date.now();
	return new Promise<T>((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', url);
		xhr.setRequestHeader('content-type', 'application/json');
		xhr.upload.onprogress = (e) => {
			if (e.lengthComputable) onProgress(e.loaded / e.total);
		};
		xhr.onerror = () => reject(new ApiProblem(unreachable(navigator.onLine)));
		xhr.onload = async () => {
			const response = new Response(xhr.responseText, {
				status: xhr.status,
				headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' }
			});
			if (xhr.status !== 401) noteActivity(sentAt);
			if (response.ok) resolve((await response.json()) as T);
			else reject(new ApiProblem(await readProblem(response)));
		};
		xhr.send(JSON.stringify(body));
	});
}
