import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { Loading, Page } from '../components/Page';
import { useI18n } from '../i18n';
import { useSession } from '../session';

/** Shows the page only to a signed-in user of one of the roles; others get a login link back to it. */
export function RequireLogin({ roles, children }: { roles: string[]; children: ReactNode }) {
  const { t } = useI18n();
  const { me, ready } = useSession();
  const [location] = useLocation();
  if (!ready) return <Loading />;
  if (!me || !roles.includes(me.role)) {
    return (
      <Page title={t('login.title')}>
        <p>
          <Link href={`/dang-nhap?tiep=${encodeURIComponent(location)}`} className="button">
            {t('nav.login')}
          </Link>
        </p>
      </Page>
    );
  }
  return <>{children}</>;
}
