import { describe, expect, it } from 'vitest';
import { findFeeMentions, parseFeeCell } from './parse-fee.js';

describe('a fee cell', () => {
  it('reads the portal amount format in đồng (1.001294)', () => {
    const { fee, issues } = parseFeeCell('2,000 Việt Nam Đồng', 'phí đổi thẻ bảo hiểm y tế: 2.000 đồng/thẻ');
    expect(issues).toEqual([]);
    expect(fee).toMatchObject({
      kind: 'amount',
      amount: 2000,
      currency: 'VND',
      shown: '2,000 Việt Nam Đồng',
      flags: [],
    });
    expect(fee.mentions).toEqual([
      {
        label: 'phí đổi thẻ bảo hiểm y tế',
        amount: 2000,
        currency: 'VND',
        per: 'thẻ',
        text: '2.000 đồng/thẻ',
      },
    ]);
  });

  it('reads an amount shown in thousands when the text states it in đồng, and flags it (3.000368)', () => {
    const { fee, issues } = parseFeeCell('150 VNĐ', '150.000 đồng/lần/thẻ.');
    expect(issues).toEqual([]);
    expect(fee).toMatchObject({ amount: 150_000, shown: '150 VNĐ', flags: ['shown_in_thousands'] });
  });

  it('does not multiply a suspiciously small amount nothing confirms (1.013217)', () => {
    const { fee, issues } = parseFeeCell(
      '45 VNĐ',
      'Từ ngày 01/7/2025 đến hết ngày 31/12/2026 áp dụng theo quy định tại Thông tư số 64/2025/TT-BTC ngày 30/6/2025 của Bộ trưởng Bộ Tài chính quy định mức thu, miễn một số khoản phí, lệ phí nhằm hỗ trợ cho doanh nghiệp, người dân',
    );
    expect(fee).toMatchObject({
      kind: 'amount',
      amount: null,
      shown: '45 VNĐ',
      flags: ['suspected_thousands'],
    });
    expect(issues.map((i) => i.code)).toEqual(['fee_suspected_thousands']);
  });

  it('leaves the amount null when the cell and its text disagree (1.003133, counter)', () => {
    const { fee, issues } = parseFeeCell(
      '40 Việt Nam Đồng',
      '4.000 đ/giấy thông hành (áp dụng đến hết ngày 31/12/2026 theo Thông tư số 64/2025/TT-BTC ngày 30/6/2025 của Bộ Tài chính).',
    );
    expect(fee.amount).toBeNull();
    expect(fee.flags).toEqual(['suspected_thousands', 'amount_conflict']);
    expect(issues).toEqual([
      { code: 'fee_amount_conflict', detail: 'cột phí ghi 40 Việt Nam Đồng, mô tả ghi 4000' },
    ]);
  });

  it('flags a small amount beside the same figure in dollars (1.009094)', () => {
    const { fee, issues } = parseFeeCell(
      '50 VNĐ',
      'Phí hải quan 50USD/chuyến bay đến đối với chuyến bay của nước ngoài đến cảng hàng không Việt Nam',
    );
    expect(fee).toMatchObject({
      amount: null,
      currency: 'VND',
      flags: ['suspected_thousands', 'amount_conflict'],
    });
    expect(issues.map((i) => i.detail)).toEqual(['cột phí ghi 50 VNĐ, mô tả ghi 50USD/chuyến bay đến']);
  });

  it('keeps a full amount the text contradicts, flagged (2.001199 reads 100,000 beside a 50% rule)', () => {
    const { fee, issues } = parseFeeCell(
      '100,000 Việt Nam Đồng',
      '- Lệ phí đăng ký doanh nghiệp: Bằng 50% mức thu lệ phí quy định tại điểm 1 Biểu phí, lệ phí đăng ký doanh nghiệp ban hành kèm theo Thông tư số 47/2019/TT-BTC (Thông tư số 64/2025/TT-BTC ngày 30 tháng 6 năm 2025 của Bộ Tài chính quy định mức thu, miễn một số khoản phí, lệ phí nhằm hỗ trợ cho doanh nghiệp, người dân)',
    );
    expect(fee.amount).toBe(100_000);
    expect(fee.flags).toEqual(['percentage_or_formula']);
    expect(issues.map((i) => i.code)).toEqual(['fee_percentage_or_formula']);
  });

  it('reads dollars as dollars (1.001010)', () => {
    expect(parseFeeCell('100 USD', '100 USD/thẻ.').fee).toMatchObject({
      amount: 100,
      currency: 'USD',
      flags: [],
    });
  });

  it('reads "Miễn phí" as 0, and flags a free cell whose text names charges (1.013425)', () => {
    expect(parseFeeCell('Miễn phí', null)).toMatchObject({ fee: { kind: 'free', amount: 0 }, issues: [] });
    const { fee, issues } = parseFeeCell(
      'Miễn phí',
      '- Dưới 5 tấn: 50.000 đồng/giấy; - Từ 5 tấn đến 15 tấn: 100.000 đồng/giấy; - Trên 15 tấn: 150.000 đồng/giấy.',
    );
    expect(fee.amount).toBe(0);
    expect(fee.flags).toEqual(['several_amounts', 'amount_conflict']);
    expect(fee.mentions.map((m) => m.amount)).toEqual([50_000, 100_000, 150_000]);
    expect(issues.map((i) => i.code)).toEqual(['fee_amount_conflict']);
  });

  it('keeps "Không có thông tin" as unspecified, and "(/hồ sơ)" as what the amount is per (1.002681)', () => {
    expect(parseFeeCell('Không có thông tin', null).fee).toMatchObject({ kind: 'unspecified', amount: null });
    expect(parseFeeCell('800,000 Việt Nam Đồng', '/hồ sơ').fee).toMatchObject({
      amount: 800_000,
      per: 'hồ sơ',
    });
  });
});

describe('amounts named in free text', () => {
  it('reads labelled fees and charges (1.002681, 1.003160)', () => {
    const text =
      'Phí: 800.000 đồng/hồ sơ (áp dụng mức phí 400.000 đồng/hồ sơ kể từ ngày 01/7/2025 đến hết ngày 31/12/2026 theo Thông tư số 64/2025/TT-BTC).\n\nLệ phí: 100.000 đồng/hồ sơ.';
    expect(findFeeMentions(text)).toEqual([
      { label: 'Phí', amount: 800_000, currency: 'VND', per: 'hồ sơ', text: '800.000 đồng/hồ sơ' },
      { label: null, amount: 400_000, currency: 'VND', per: 'hồ sơ', text: '400.000 đồng/hồ sơ' },
      { label: 'Lệ phí', amount: 100_000, currency: 'VND', per: 'hồ sơ', text: '100.000 đồng/hồ sơ' },
    ]);
    expect(findFeeMentions('Lệ phí: 4.500.000 Đồng (bốn triệu năm trăm nghìn Việt Nam đồng)')).toMatchObject([
      { label: 'Lệ phí', amount: 4_500_000 },
    ]);
  });

  it('reads "50.000đ", and multiplies only when the text says "nghìn đồng"', () => {
    // 1.001200
    expect(
      findFeeMentions(
        '50.000đ/giấy thông hành (Thông tư số 25/2021/TT-BTC ngày 07/4/2021 của Bộ Tài chính).',
      ),
    ).toMatchObject([{ amount: 50_000, per: 'giấy thông hành' }]);
    // The file has no amount in nghìn đồng nor a "0 đồng" fee; these are the wordings the rule is for.
    expect(findFeeMentions('Phí: 45 nghìn đồng')).toMatchObject([{ label: 'Phí', amount: 45_000 }]);
    expect(findFeeMentions('Phí: 0 đồng')).toMatchObject([{ label: 'Phí', amount: 0 }]);
  });
});
