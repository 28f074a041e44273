export * from './audit';
export * from './auth';
export * from './customers';
export * from './inventory';
export * from './orders';
export * from './settings';
export * from './sync';
