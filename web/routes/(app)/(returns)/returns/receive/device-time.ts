/** When the item was scanned, on this device's clock (the server corrects it by Ordo-Sent-At). */
export const scannedNow = (): string => new Date().toISOString();
