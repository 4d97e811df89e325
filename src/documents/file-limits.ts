/** Limits on one uploaded file; the caller passes them from configuration. */
export interface FileLimits {
  maxBytes: number;
  maxPdfPages: number;
  /** Width × height of an image: a small PNG can declare a picture that takes gigabytes to decode. */
  maxImagePixels: number;
  /** Sum of the uncompressed sizes declared by a DOCX/XLSX's entries. */
  maxUncompressedBytes: number;
  /** Declared uncompressed size over compressed size, for the whole archive and for any one entry. */
  maxCompressionRatio: number;
  maxZipEntries: number;
}
