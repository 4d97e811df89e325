import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { isController, isOfficer, useSession } from '../session';

function NavLink({ href, label }: { href: string; label: MessageKey }) {
  const { t } = useI18n();
  const [location] = useLocation();
  const current = href === '/' ? location === '/' : location.startsWith(href);
  return (
    <li>
      <Link href={href} aria-current={current ? 'page' : undefined}>
        {t(label)}
      </Link>
    </li>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { me, logout } = useSession();
  const [, navigate] = useLocation();
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
                    await logout();
                    navigate('/');
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
            <NavLink href="/" label="nav.home" />
            <NavLink href="/tra-cuu" label="nav.track" />
            {me?.role === 'citizen' ? <NavLink href="/ho-so-cua-toi" label="nav.mine" /> : null}
            {isOfficer(me) ? <NavLink href="/can-bo" label="nav.queue" /> : null}
            {me && ['receiver', 'postal'].includes(me.role) ? (
              <NavLink href="/can-bo/tiep-nhan" label="nav.counter" />
            ) : null}
            {isController(me) ? <NavLink href="/quan-tri" label="nav.admin" /> : null}
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
