import type { Resolvers } from '../generated/graphql.js';
import { AnalysisModule } from './AnalysisModule.js';
import { BackupRestorePoint } from './BackupRestorePoint.js';
import { CallerQuery } from './Caller.js';
import { CompletedRestoreJob } from './CompletedRestoreJob.js';
import { CpmoveArchive } from './CpmoveArchive.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';
import { RemoteAccount } from './RemoteAccount.js';
import { RemoteAnalysis } from './RemoteAnalysis.js';
import { RestoreJob } from './RestoreJob.js';
import { RestoreModule } from './RestoreModule.js';
import { RestoreQueue } from './RestoreQueue.js';
import { DateTime, JSONScalar } from './scalars.js';
import { Subscription } from './Subscription.js';
import { SystemUser } from './SystemUser.js';
import { TransferItem } from './TransferItem.js';
import { TransferModule } from './TransferModule.js';
import { TransferModuleSchema } from './TransferModuleSchema.js';
import { TransferProgress } from './TransferProgress.js';
import { TransferSession } from './TransferSession.js';
import { TransferSessionLinks } from './TransferSessionLinks.js';
import { WebhookDelivery } from './WebhookDelivery.js';
import { WhmServer } from './WhmServer.js';
import { WhmWrite } from './WhmWrite.js';

export const resolvers: Resolvers = {
  DateTime,
  JSON: JSONScalar,
  Query: { ...Query, ...CallerQuery },
  Mutation,
  Subscription,
  AnalysisModule,
  BackupRestorePoint,
  CompletedRestoreJob,
  CpmoveArchive,
  RemoteAccount,
  RemoteAnalysis,
  RestoreJob,
  RestoreModule,
  RestoreQueue,
  SystemUser,
  TransferItem,
  TransferModule,
  TransferModuleSchema,
  TransferProgress,
  TransferSession: { ...TransferSession, ...TransferSessionLinks },
  WebhookDelivery,
  WhmServer,
  WhmWrite,
};
