/**
 * Something that obtains an RFC 3161 time-stamp token for a piece of data. The token is the DER
 * TimeStampToken (a ContentInfo holding SignedData over TSTInfo, RFC 3161 §2.4.2) whose message imprint is
 * the hash of `data`.
 */
export interface TimestampClient {
  timestamp(data: Uint8Array): Promise<Uint8Array>;
}
