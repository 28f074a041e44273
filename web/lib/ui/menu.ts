/** One choice in a row's overflow menu (MenuButton). */
export type MenuItem = { label: string; run: () => void; tone?: 'danger' };
