// The pure sheet-plan core shared by the add-on (SpreadsheetApp adapter), the xlsx renderer and the CLI.
// exceljs lives in ./xlsx, imported separately so the add-on bundle does not carry it.

export * from './apprentice';
export * from './apprentice-status';
export * from './cohort';
export * from './cohort-gaps';
export * from './cohort-layout';
export * from './columns';
export * from './dashboard';
export * from './from-record';
export * from './hours';
export * from './level-table';
export * from './plan';
export * from './qualcard';
export * from './read';
export * from './record';
export * from './roster';
export * from './roster-row';
export * from './status';
export * from './sync-payload';
export * from './view';
export * from './wage-schedule';
