/** One state beside a record's name: "Status: Paid". `testid` lets journeys read it. */
export type RecordState = { label: string; value: string; testid?: string };
