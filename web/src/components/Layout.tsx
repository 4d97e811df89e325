import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { FEEDBACK_OFFICERS, isController, isOfficer, RATINGS_OFFICERS, useSession } from '../session';

function NavLink({ href, label, current }: { href: string; label: MessageKey; current: string }) {
  const { t } = useI18n();
  return (
    <li>
      <Link href={href} aria-current={current === href ? 'page' : undefined}>
        {t(label)}
      </Link>
    </li>
  );
}

/** The navigation entry for a path: the longest entry that is the path or one of its parents. */
function currentEntry(location: string, hrefs: string[]): string {
  const matches = hrefs.filter((h) => location === h || (h !== '/' && location.startsWith(`${h}/`)));
  return matches.sort((a, b) => b.length - a.length)[0] ?? '';
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { me, logout } = useSession();
  const [location, navigate] = useLocation();
  const entries: [string, MessageKey][] = [
    ['/', 'nav.home'],
    ['/tra-cuu', 'nav.track'],
    ['/phan-anh', 'nav.feedback'],
    ['/cong-khai', 'nav.public'],
    ['/xac-thuc', 'nav.verify'],
    ...(me?.role === 'citizen'
      ? ([
          ['/ho-so-cua-toi', 'nav.mine'],
          ['/kho-du-lieu', 'nav.wallet'],
        ] as [string, MessageKey][])
      : []),
    ...(isOfficer(me) ? ([['/can-bo', 'nav.queue']] as [string, MessageKey][]) : []),
    ...(me && FEEDBACK_OFFICERS.includes(me.role)
      ? ([['/can-bo/phan-anh', 'nav.feedbackQueue']] as [string, MessageKey][])
      : []),
    ...(me && RATINGS_OFFICERS.includes(me.role)
      ? ([['/can-bo/danh-gia', 'nav.ratings']] as [string, MessageKey][])
      : []),
    ...(me && ['receiver', 'postal'].includes(me.role)
      ? ([['/can-bo/tiep-nhan', 'nav.counter']] as [string, MessageKey][])
      : []),
    ...(isController(me) ? ([['/quan-tri', 'nav.admin']] as [string, MessageKey][]) : []),
    ...(me?.role === 'controller' ? ([['/quan-tri/nhat-ky', 'nav.audit']] as [string, MessageKey][]) : []),
    ...(me?.role === 'admin' ? ([['/quan-tri/van-hanh', 'nav.operations']] as [string, MessageKey][]) : []),
    ...(me?.role === 'admin' ? ([['/quan-tri/tai-khoan', 'nav.accounts']] as [string, MessageKey][]) : []),
    ...(me ? ([['/tai-khoan', 'nav.account']] as [string, MessageKey][]) : []),
  ];
  const current = currentEntry(
    location,
    entries.map(([href]) => href),
  );
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link href="/" className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-owner">{t('app.owner')}</span>
          </Link>
          <div className="header-tools">
            <button
              type="button"
              className="link-button"
              lang={lang === 'vi' ? 'en' : 'vi'}
              aria-label={t('app.langLabel')}
              onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
            >
              {t('app.lang')}
            </button>
            {me ? (
              <>
                <span className="whoami">{t('nav.signedIn', { name: me.fullName })}</span>
                <button
                  type="button"
                  className="link-button"
                  onClick={async () => {
                    if (!(await logout())) navigate('/');
                  }}
                >
                  {t('nav.logout')}
                </button>
              </>
            ) : (
              <Link href="/dang-nhap" className="link-button">
                {t('nav.login')}
              </Link>
            )}
          </div>
        </div>
        <nav aria-label={t('nav.main')} className="site-nav">
          <ul className="container">
            {entries.map(([href, label]) => (
              <NavLink key={href} href={href} label={label} current={current} />
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('app.footer')}</p>
        </div>
      </footer>
    </>
  );
}
