/** Object identifiers used by the signature code, with the standard each comes from. */
export const oid = {
  /** RFC 5652 §4: id-data, the content type of a detached PDF signature. */
  data: '1.2.840.113549.1.7.1',
  /** RFC 5652 §5.1: id-signedData. */
  signedData: '1.2.840.113549.1.7.2',
  /** RFC 5652 §11.1. */
  contentType: '1.2.840.113549.1.9.3',
  /** RFC 5652 §11.2. */
  messageDigest: '1.2.840.113549.1.9.4',
  /** RFC 5652 §11.3; not used in PAdES B-B signatures (ETSI EN 319 142-1 §5.4.2). */
  signingTime: '1.2.840.113549.1.9.5',
  /** RFC 5035 §3: id-aa-signingCertificateV2. */
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  /** RFC 3161 App. A: id-aa-signatureTimeStampToken, an unsigned attribute. */
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  /** RFC 3161 §2.4.2: id-ct-TSTInfo. */
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  /** NIST: id-sha256, the default hash of ESSCertIDv2 (RFC 5035 §4). */
  sha256: '2.16.840.1.101.3.4.2.1',
  /** RFC 5280 §4.2.1.12: id-kp-timeStamping. */
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;
