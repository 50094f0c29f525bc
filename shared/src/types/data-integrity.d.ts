// The little of the Data Integrity libraries' APIs Qualcard calls (they ship no types). Versions in package.json.
declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id: string;
    controller: string;
    publicKeyMultibase: string;
    signer(): { algorithm: string; id: string; sign(o: { data: Uint8Array }): Promise<Uint8Array> };
    export(o: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, unknown>>;
  }
  export function generate(o: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
  export function from(key: Record<string, unknown>): Promise<Ed25519KeyPair>;
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string };
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(o: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
    verificationMethod?: string;
  }
}
declare module '@digitalbazaar/vc' {
  type Loader = (url: string) => Promise<unknown>;
  export interface VerifyResult {
    verified: boolean;
    error?: Error & { errors?: Error[] };
    results?: { verified: boolean; error?: Error & { errors?: Error[] } }[];
    statusResult?: { verified: boolean };
  }
  export function issue(o: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: Loader;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(o: {
    credential: unknown;
    suite: unknown;
    documentLoader: Loader;
    checkStatus?: (o: unknown) => Promise<{ verified: boolean }>;
    now?: Date;
  }): Promise<VerifyResult>;
}
