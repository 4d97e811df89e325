import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 over "<timestamp>.<body>" with the subscription's secret, sent as `v1=<hex>`. Binding the
 * timestamp lets a receiver refuse old replays; the raw body is signed, so it must be verified before parsing.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** For receivers (and our tests): does the signature header match this body and timestamp? */
export function verifyWebhookSignature(
  secret: string,
  timestamp: number,
  body: string,
  header: string,
): boolean {
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
