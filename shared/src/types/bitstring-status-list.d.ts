// The parts of @digitalbazaar/vc-bitstring-status-list the tests use (the package ships no types).
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export function decodeList(o: { encodedList: string }): Promise<{ length: number; getStatus(i: number): boolean }>;
  export function checkStatus(
    o: object,
  ): Promise<{ verified: boolean; results?: { status: boolean }[]; error?: Error }>;
}
