// The camera and "Scan from photo" decode with the Barcode Detection API where the browser
// has it (Android Chrome), else with the `barcode-detector` polyfill (ZXing compiled to
// WebAssembly: iOS, desktop Chromium on Linux). The polyfill and its .wasm are loaded only
// here, by dynamic import, when someone first scans with the camera or a photo: /scan's
// initial JavaScript stays small (npm run bench reports it).
export const FORMATS = ['ean_13', 'upc_a', 'ean_8', 'code_128', 'qr_code'] as const;

export type Detected = { rawValue: string; format: string };
export type Decoder = {
	detect(source: ImageBitmapSource): Promise<Detected[]>;
	/** 'native' or 'zxing-wasm': which one decoded, for the page and the bench. */
	kind: 'native' | 'zxing-wasm';
};

type NativeDetector = {
	detect(source: ImageBitmapSource): Promise<Detected[]>;
};
type NativeDetectorClass = {
	new (options: { formats: string[] }): NativeDetector;
	getSupportedFormats(): Promise<string[]>;
};

let loading: Promise<Decoder> | null = null;

/** The decoder, created once. `preferPolyfill` for the tests and the bench. */
export function getDecoder({ preferPolyfill = false } = {}): Promise<Decoder> {
	loading ??= create(preferPolyfill);
	loading.catch(() => (loading = null));
	return loading;
}

async function create(preferPolyfill: boolean): Promise<Decoder> {
	const Native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
	if (Native && !preferPolyfill) {
		const supported = await Native.getSupportedFormats();
		const formats = FORMATS.filter((f) => supported.includes(f));
		if (formats.includes('ean_13') && formats.includes('code_128')) {
			const detector = new Native({ formats });
			return { kind: 'native', detect: (source) => detector.detect(source) };
		}
	}
	const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
		import('barcode-detector/ponyfill'),
		// Vite emits the .wasm into the build with a content hash: Ordo serves it itself
		// (the library's default is a CDN, which the CSP blocks and which is gone offline)
		// and the service worker precaches it with the rest of the build.
		import('zxing-wasm/reader/zxing_reader.wasm?url')
	]);
	await prepareZXingModule({
		overrides: {
			locateFile: (path: string, prefix: string) =>
				path.endsWith('.wasm') ? wasmUrl : prefix + path
		},
		fireImmediately: true
	});
	const detector = new BarcodeDetector({ formats: [...FORMATS] });
	return { kind: 'zxing-wasm', detect: (source) => detector.detect(source) };
}

/** Decodes a still image (a photo from the file input). */
export async function decodeImage(file: Blob, options?: { preferPolyfill?: boolean }) {
	const decoder = await getDecoder(options);
	const bitmap = await createImageBitmap(file);
	try {
		const found = await decoder.detect(bitmap);
		return { decoder: decoder.kind, found };
	} finally {
		bitmap.close();
	}
}
