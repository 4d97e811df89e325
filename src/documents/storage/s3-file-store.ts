import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AppError } from '../../shared/errors.js';
import { type FileStore, isSha256 } from './file-store.js';

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible server; AWS itself when omitted. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
  /** Prepended to every key, so one bucket can hold several deployments. */
  prefix?: string;
}

function missing(): AppError {
  return new AppError('FILE_MISSING', 'Không tìm thấy nội dung tệp trong kho lưu trữ.');
}

/**
 * Files in an S3-compatible bucket (`@aws-sdk/client-s3`). Checksums are sent only where the protocol
 * requires them: the SDK's default extra checksum headers are refused by several S3-compatible servers,
 * and the content is already named by its SHA-256 and sent with its MD5.
 */
export function s3FileStore(settings: S3Settings): FileStore & { close(): void } {
  const client = new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
  });
  const key = (sha256: string) => {
    if (!isSha256(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return `${settings.prefix ?? ''}${sha256}`;
  };
  const has = async (sha256: string) => {
    try {
      await client.send(new HeadObjectCommand({ Bucket: settings.bucket, Key: key(sha256) }));
      return true;
    } catch (error) {
      if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return false;
      throw error;
    }
  };
  return {
    async put(sha256, bytes) {
      if (await has(sha256)) return;
      await client.send(
        new PutObjectCommand({
          Bucket: settings.bucket,
          Key: key(sha256),
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentMD5: createHash('md5').update(bytes).digest('base64'),
          ContentType: 'application/octet-stream',
        }),
      );
    },
    has,
    async open(sha256) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key(sha256) }));
        if (!answer.Body) throw missing();
        return answer.Body as Readable;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') throw missing();
        throw error;
      }
    },
    close: () => client.destroy(),
  };
}
