// The emulator tier talks to the emulators only. The Admin SDK in the test process would otherwise probe the GCE
// metadata server for credentials and print a MetadataLookupWarning; gcp-metadata reads this variable.
process.env.METADATA_SERVER_DETECTION = 'none';
