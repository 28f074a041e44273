// The shared design system: import pieces by name, e.g. `import { Button } from '$lib/ui'`.
export { default as Badge } from './Badge.svelte';
export { default as Button } from './Button.svelte';
export { default as Card } from './Card.svelte';
export { default as ConfirmDialog } from './ConfirmDialog.svelte';
export { Confirmation, type ConfirmRequest } from './confirmation.svelte';
export { default as Dialog } from './Dialog.svelte';
export { default as Notice } from './Notice.svelte';
export { default as TextField } from './TextField.svelte';
export { default as ProblemNotice } from './ProblemNotice.svelte';
export { default as MenuButton } from './MenuButton.svelte';
export type { MenuItem } from './menu';
export { Action } from './action.svelte';
export { default as QrCode } from './QrCode.svelte';
export { default as SecretOnce } from './SecretOnce.svelte';
export { default as Code128 } from './Code128.svelte';
export { default as RecordHeader } from './RecordHeader.svelte';
export type { RecordState } from './record-state';
