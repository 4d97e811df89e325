import { describe, expect, it } from 'vitest';
import { personalDataIn } from './log-scan.js';

describe('the scan of the server log for personal data', () => {
  it('finds identity numbers, phones, e-mails and applicants’ names', () => {
    const log = [
      '{"msg":"request","url":"/api/dossiers","q":"092190000001"}',
      '{"msg":"notice sent","to":"0912345678"}',
      '{"msg":"mail","to":"nhung@example.vn"}',
      '{"msg":"x","detail":"Nguyễn Thị Hồng Nhung"}',
      // The same name written in decomposed form is found too.
      `{"msg":"x","detail":"${'Lê Minh Tâm'.normalize('NFD')}"}`,
    ].join('\n');
    expect(personalDataIn(log).map((f) => f.split(' ')[0])).toEqual([
      'identity',
      'phone',
      'e-mail',
      'name',
      'name',
    ]);
  });

  it('leaves timestamps, hashes, codes and ids alone', () => {
    const log = [
      '{"level":30,"time":1796662545304,"pid":10561,"reqId":"req-5","userId":26}',
      '{"sha256":"0123456789abcdef0123456789ab012345678901abcdef0123456789abcdef01"}',
      '{"code":"000.31135.H13-261208-0001","responseTime":12.3456}',
      '{"responseTime":319.335876000001,"other":18.0912345678}',
    ].join('\n');
    expect(personalDataIn(log)).toEqual([]);
  });
});
