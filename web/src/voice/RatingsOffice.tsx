import { useState } from 'react';
import { RatingForm } from '../account/RateDossier';
import { RequireLogin } from '../account/RequireLogin';
import { api, query } from '../api';
import { BarChart } from '../components/BarChart';
import { type Errors, SelectField, TextField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { TableRegion } from '../components/TableRegion';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { RATINGS_OFFICERS, useSession } from '../session';

/** The front desk types in paper forms; the others read totals (a controller every agency's, heads their own). */
const PAPER_DESK = ['receiver', 'postal'];
const LEVELS = ['agency', 'unit', 'officer'] as const;

interface Row {
  agency: string;
  agencyName: string;
  unitName: string | null;
  officer: number | null;
  officerName: string | null;
  ratings: number;
  satisfactionRate: number | null;
  score: number | null;
  band: string | null;
}

export default function RatingsOffice() {
  const { me } = useSession();
  return (
    <RequireLogin roles={RATINGS_OFFICERS}>
      {me && PAPER_DESK.includes(me.role) ? <PaperEntry /> : <Totals />}
    </RequireLogin>
  );
}

function rowName(row: Row): string {
  return row.officerName ?? row.unitName ?? row.agencyName;
}

/** Totals per agency, unit or officer for a quarter or a year, with bands, a chart and the xlsx. */
function Totals() {
  const { t } = useI18n();
  const { me } = useSession();
  const thisYear = new Date().getFullYear();
  const [level, setLevel] = useState<string>('agency');
  const [year, setYear] = useState(String(thisYear));
  const [quarter, setQuarter] = useState('');
  const [message, setMessage] = useState('');
  const params = { level, year, quarter };
  const { data, error, reload } = useLoad(
    (signal) => api<{ items: Row[] }>(`/api/ratings/summary${query(params)}`, { signal }),
    [level, year, quarter],
  );
  const period = quarter ? t('pub.quarter', { q: quarter, year }) : year;
  const publish = async () => {
    try {
      await api('/api/ratings/publications', {
        method: 'POST',
        body: { year: Number(year), quarter: Number(quarter) },
      });
      setMessage(t('ro.published', { q: quarter, year }));
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  };
  return (
    <Page title={t('ro.title')} lead={t('ro.lead')}>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="ro-level"
          label={t('ro.level')}
          value={level}
          onChange={setLevel}
          options={LEVELS.map((l) => ({ value: l, label: t(`ro.level.${l}` as MessageKey) }))}
        />
        <SelectField
          id="ro-year"
          label={t('pub.year')}
          value={year}
          onChange={setYear}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({
            value: String(y),
            label: String(y),
          }))}
        />
        <SelectField
          id="ro-quarter"
          label={t('ro.quarter')}
          value={quarter}
          placeholder={t('ro.wholeYear')}
          onChange={setQuarter}
          options={['1', '2', '3', '4'].map((q) => ({ value: q, label: q }))}
        />
      </form>
      <p>
        <a href={`/api/ratings/summary.xlsx${query(params)}`} download>
          {t('pub.xlsx')}
        </a>
      </p>
      {me?.role === 'controller' && quarter ? (
        <p>
          <button type="button" className="button-secondary" onClick={() => void publish()}>
            {t('ro.publish', { q: quarter, year })}
          </button>
        </p>
      ) : null}
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      {error ? <Failure error={error} retry={reload} /> : null}
      {!data && !error ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('ro.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          <BarChart
            title={`${t('ro.chart')} — ${period}`}
            bars={data.items.map((r) => ({ label: rowName(r), value: r.satisfactionRate }))}
            target={86}
          />
          <TableRegion label={`${t('ro.title')} — ${period}`}>
            <table>
              <caption>{`${t('ro.title')} — ${period}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ro.name')}</th>
                  <th scope="col">{t('pub.ratingsCount')}</th>
                  <th scope="col">{t('pub.rate')}</th>
                  <th scope="col">{t('pub.score')}</th>
                  <th scope="col">{t('pub.band')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={`${r.agency}-${r.unitName ?? ''}-${r.officer ?? ''}`}>
                    <th scope="row">{rowName(r)}</th>
                    <td>{r.ratings}</td>
                    <td>
                      {r.satisfactionRate === null ? '—' : `${r.satisfactionRate.toLocaleString('vi-VN')} %`}
                    </td>
                    <td>{r.score === null ? '—' : r.score.toLocaleString('vi-VN')}</td>
                    <td>{r.band ? t(`band.${r.band}` as MessageKey) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      ) : null}
    </Page>
  );
}

/** The front desk types in a paper form handed back at the counter; it cannot be read back afterwards. */
function PaperEntry() {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState('');
  const [saved, setSaved] = useState('');
  const [round, setRound] = useState(0);
  return (
    <Page title={t('ro.paper')} lead={t('ro.paperLead')}>
      {saved ? (
        <p className="notice notice-success" role="status">
          {t('ro.paperSaved', { code: saved })}
        </p>
      ) : null}
      <RatingForm
        key={round}
        current={null}
        failureField="ro-code"
        before={
          <TextField
            id="ro-code"
            label={t('ro.dossierCode')}
            value={code}
            onChange={setCode}
            error={codeError || undefined}
            required
          />
        }
        check={(): Errors => {
          const message = code.trim() ? '' : t('ro.errCode');
          setCodeError(message);
          return message ? { 'ro-code': message } : {};
        }}
        send={(body) =>
          api('/api/ratings/paper', { method: 'POST', body: { dossierCode: code.trim(), ...body } })
        }
        onDone={() => {
          setSaved(code.trim());
          setCode('');
          setRound((n) => n + 1);
        }}
      />
    </Page>
  );
}
