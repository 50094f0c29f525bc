// The pure sheet-plan core shared by the add-on (SpreadsheetApp adapter), the xlsx renderer and the CLI.
// exceljs lives in ./xlsx, imported separately so the add-on bundle does not carry it.
export * from './plan';
export * from './roster-row';
export * from './columns';
export * from './read';
export * from './hours';
export * from './qualcard';
export * from './roster';
export * from './record';
export * from './dashboard';
export * from './apprentice';
export * from './sync-payload';
export * from './from-record';
