// The model types the sheet plans use (shared/src/model has no index of its own).
export * from '../model/framework';
export * from '../model/progress';
export * from '../model/record';
