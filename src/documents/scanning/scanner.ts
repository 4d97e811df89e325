/** What a virus scan said of a file. */
export type ScanVerdict =
  | { status: 'clean'; scanner: string }
  | { status: 'infected'; scanner: string; signature: string }
  /** No scanner is installed: the file is kept and marked so, never passed off as clean. */
  | { status: 'not_scanned'; scanner: null };

export interface Scanner {
  scan(bytes: Uint8Array): Promise<ScanVerdict>;
  /** For the start-up line and the operations page: which scanner, or that there is none. */
  readonly description: string;
}

/** Used when no scanner is installed or configured. */
export const notScanned: Scanner = {
  description: 'không có trình quét mã độc: tệp được đánh dấu "chưa quét"',
  scan: async () => ({ status: 'not_scanned', scanner: null }),
};
