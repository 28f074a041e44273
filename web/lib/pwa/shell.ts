// Pages as deep as /orders/o1/returns/r1 open offline; anything deeper needs the network.
export const SHELL_DEPTHS = [0, 1, 2, 3] as const;

/** How many `..` SvelteKit puts in a page's asset paths: /products → 0, /products/p1 → 1. */
export function depthOf(pathname: string): number {
	return pathname.split('/').length - 2;
}

/** The prerendered shell whose relative paths are right at `depth`: /shell, /shell/1, /shell/1/2 … */
export function shellPath(depth: number): string {
	return ['/shell', ...Array.from({ length: depth }, (_, i) => String(i + 1))].join('/');
}

/** The shell to serve for a navigation to `pathname`, if one was prerendered for its depth. */
export function shellFor(pathname: string): string | null {
	const depth = depthOf(pathname);
	return (SHELL_DEPTHS as readonly number[]).includes(depth) ? shellPath(depth) : null;
}
