export { catalogAppsServing } from './catalogApps';
export type { AppOnHost, AppsServing } from './catalogApps';
export { OwnerNotifier } from './OwnerNotifier';
export type {
  NotificationsConfig,
  NotifiedCluster,
  NotifyOutcome,
  OwnerNotifierOptions,
} from './OwnerNotifier';
export { planNotices, certificateSubject } from './planNotices';
export type { NoticePlan, PlannedNotice, PlanOptions } from './planNotices';
