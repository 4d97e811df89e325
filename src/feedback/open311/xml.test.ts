import { describe, expect, it } from 'vitest';
import { escapeXml, xmlDocument } from './xml.js';

describe('the Open311 XML serializer', () => {
  it('escapes the five markup characters', () => {
    expect(escapeXml(`<a href="x">Tôm & cá's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tôm &amp; cá&apos;s&lt;/a&gt;',
    );
  });

  it('drops characters XML 1.0 cannot carry, keeps tab, newline, CR and astral characters', () => {
    expect(escapeXml('a\u0001b\u000Bc\uFFFEd\uD800e\tf\ng\rh😀')).toBe('abcde\tf\ng\rh😀');
  });

  it('writes lists with their item names, nulls as empty elements, nested objects', () => {
    expect(
      xmlDocument(
        'service_requests',
        [{ service_request_id: 'PAKN-260101-0001', lat: 10.5, description: null, x: { y: true } }],
        { service_requests: 'request' },
      ),
    ).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<service_requests>',
        '  <request>',
        '    <service_request_id>PAKN-260101-0001</service_request_id>',
        '    <lat>10.5</lat>',
        '    <description></description>',
        '    <x>',
        '      <y>true</y>',
        '    </x>',
        '  </request>',
        '</service_requests>',
        '',
      ].join('\n'),
    );
  });

  it('refuses element names that are not XML names and lists without an item name', () => {
    expect(() => xmlDocument('a b', 'x', {})).toThrow(/element name/);
    expect(() => xmlDocument('list', [1], {})).toThrow(/item element/);
  });
});
