import { lazy, Suspense } from 'react';
import { Link, Route, Switch } from 'wouter';
import { Layout } from './components/Layout';
import { Loading, Page } from './components/Page';
import { I18nProvider, useI18n } from './i18n';
import { Home } from './portal/Home';
import { ProcedurePage } from './portal/ProcedurePage';
import { TrackPage } from './portal/TrackPage';
import { SessionProvider } from './session';

// Pages a visitor does not need on their first load come in their own chunks.
const LoginPage = lazy(() => import('./account/LoginPage'));
const ApplyFlow = lazy(() => import('./apply/ApplyFlow'));
const MyDossiers = lazy(() => import('./account/MyDossiers'));
const MyDossier = lazy(() => import('./account/MyDossier'));
const QueuePage = lazy(() => import('./officer/QueuePage'));
const OfficerDossier = lazy(() => import('./officer/OfficerDossier'));
const CounterIntake = lazy(() => import('./officer/CounterIntake'));
const ProceduresAdmin = lazy(() => import('./admin/ProceduresAdmin'));
const ProcedureAdmin = lazy(() => import('./admin/ProcedureAdmin'));
const CalendarAdmin = lazy(() => import('./admin/CalendarAdmin'));
const CatalogueReview = lazy(() => import('./admin/CatalogueReview'));
const FormBuilder = lazy(() => import('./admin/FormBuilder'));
const OperationsPage = lazy(() => import('./admin/OperationsPage'));
const AccountsAdmin = lazy(() => import('./admin/AccountsAdmin'));
const AccountPage = lazy(() => import('./account/AccountPage'));
const ResetPasswordPage = lazy(() => import('./account/ResetPasswordPage'));
const NotificationTemplatesAdmin = lazy(() => import('./admin/NotificationTemplatesAdmin'));
const FeedbackForm = lazy(() => import('./voice/FeedbackForm'));
const FeedbackFollow = lazy(() => import('./voice/FeedbackFollow'));
const FeedbackQueue = lazy(() => import('./voice/FeedbackQueue'));
const FeedbackOfficer = lazy(() => import('./voice/FeedbackOfficer'));
const PublicResults = lazy(() => import('./voice/PublicResults'));
const RatingsOffice = lazy(() => import('./voice/RatingsOffice'));
const VerifyPage = lazy(() => import('./documents/VerifyPage'));
const WalletPage = lazy(() => import('./documents/WalletPage'));
const AuditTrail = lazy(() => import('./admin/AuditTrail'));

function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('app.notFound')} lead={t('app.notFoundText')}>
      <Link href="/">{t('app.backHome')}</Link>
    </Page>
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Layout>
          <Suspense fallback={<Loading />}>
            <Switch>
              <Route path="/" component={Home} />
              <Route path="/thu-tuc/:code">{(p) => <ProcedurePage code={p.code} />}</Route>
              <Route path="/thu-tuc/:code/nop/:step?">
                {(p) => <ApplyFlow code={p.code} step={p.step ?? 'bat-dau'} />}
              </Route>
              <Route path="/tra-cuu/:code?">{(p) => <TrackPage code={p.code} />}</Route>
              <Route path="/phan-anh" component={FeedbackForm} />
              <Route path="/phan-anh/theo-doi/:code">{(p) => <FeedbackFollow code={p.code} />}</Route>
              <Route path="/cong-khai" component={PublicResults} />
              <Route path="/xac-thuc/:code?">{(p) => <VerifyPage code={p.code} />}</Route>
              <Route path="/kho-du-lieu" component={WalletPage} />
              <Route path="/dang-nhap" component={LoginPage} />
              <Route path="/ho-so-cua-toi" component={MyDossiers} />
              <Route path="/ho-so-cua-toi/:code">{(p) => <MyDossier code={p.code} />}</Route>
              <Route path="/can-bo" component={QueuePage} />
              <Route path="/can-bo/ho-so/:code">{(p) => <OfficerDossier code={p.code} />}</Route>
              <Route path="/can-bo/tiep-nhan" component={CounterIntake} />
              <Route path="/can-bo/phan-anh" component={FeedbackQueue} />
              <Route path="/can-bo/danh-gia" component={RatingsOffice} />
              <Route path="/can-bo/phan-anh/:code">{(p) => <FeedbackOfficer code={p.code} />}</Route>
              <Route path="/quan-tri" component={ProceduresAdmin} />
              <Route path="/quan-tri/thu-tuc/:code">{(p) => <ProcedureAdmin code={p.code} />}</Route>
              <Route path="/quan-tri/thu-tuc/:code/to-khai">{(p) => <FormBuilder code={p.code} />}</Route>
              <Route path="/quan-tri/lich" component={CalendarAdmin} />
              <Route path="/quan-tri/ra-soat" component={CatalogueReview} />
              <Route path="/quan-tri/van-hanh" component={OperationsPage} />
              <Route path="/quan-tri/tai-khoan" component={AccountsAdmin} />
              <Route path="/quan-tri/nhat-ky" component={AuditTrail} />
              <Route path="/tai-khoan" component={AccountPage} />
              <Route path="/dat-mat-khau" component={ResetPasswordPage} />
              <Route path="/quan-tri/thong-bao" component={NotificationTemplatesAdmin} />
              <Route component={NotFound} />
            </Switch>
          </Suspense>
        </Layout>
      </SessionProvider>
    </I18nProvider>
  );
}
