export * from './auth';
export * from './customers';
export * from './inventory';
export * from './orders';
export * from './sync';
