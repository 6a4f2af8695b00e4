package io.opstate.sqlite.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ArtifactContract;
import io.opstate.tck.ArtifactSafetyContract;
import io.opstate.tck.CachedReadContract;
import io.opstate.tck.ClaimedJobContract;
import io.opstate.tck.ConstructContract;
import io.opstate.tck.InvalidResourceInputContract;
import io.opstate.tck.LegacyJsonImportContract;
import io.opstate.tck.ResourceContract;
import io.opstate.tck.ResourceFeedContract;
import io.opstate.tck.ResourceKindContract;
import io.opstate.tck.ResourceQueryContract;
import io.opstate.tck.ConstructDeletionContract;
import io.opstate.tck.ConstructLinkContract;
import io.opstate.tck.ConstructQueryContract;
import io.opstate.tck.ConstructTimelineContract;
import io.opstate.tck.ExecutionContract;
import io.opstate.tck.FencingTokenContract;
import io.opstate.tck.HistoryContract;
import io.opstate.tck.ImpossibleKeyContract;
import io.opstate.tck.InvalidConstructInputContract;
import io.opstate.tck.InvalidInputContract;
import io.opstate.tck.InvalidJobInputContract;
import io.opstate.tck.JobBytesProgressContract;
import io.opstate.tck.JobClaimByIdContract;
import io.opstate.tck.JobClaimContract;
import io.opstate.tck.JobConcurrencyContract;
import io.opstate.tck.JobFailureCutContract;
import io.opstate.tck.JobDedupKeyContract;
import io.opstate.tck.JobDeletionContract;
import io.opstate.tck.JobLeaseContract;
import io.opstate.tck.JobLifecycleContract;
import io.opstate.tck.JobQueryContract;
import io.opstate.tck.OptimisticConcurrencyContract;
import io.opstate.tck.PagingContract;
import io.opstate.tck.PipelineContract;
import io.opstate.tck.RecordImportContract;
import io.opstate.tck.ScheduleContract;
import io.opstate.tck.SearchContract;
import io.opstate.tck.SearchIndexContract;
import io.opstate.tck.SessionContract;
import io.opstate.tck.StoreContract;
import io.opstate.tck.StreamingContract;
import io.opstate.tck.TimeContract;
import io.opstate.tck.PreferenceContract;
import io.opstate.tck.TokenContract;
import io.opstate.tck.TranscriptContract;
import io.opstate.tck.TransactionContract;
import io.opstate.tck.UpsertContract;
import org.junit.jupiter.api.Nested;

/** The whole contract kit on the temporary form of the URL: a private file deleted on close. */
class SqliteTemporaryTckTest {
    private static PersistenceConfig.Builder temporary() {
        return PersistenceConfig.builder("jdbc:sqlite:");
    }

    @Nested
    class Execution extends ExecutionContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class FencingToken extends FencingTokenContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class History extends HistoryContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class InvalidInput extends InvalidInputContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class InvalidJobInput extends InvalidJobInputContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class JobClaim extends JobClaimContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class JobConcurrency extends JobConcurrencyContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class JobDedupKey extends JobDedupKeyContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class JobDeletion extends JobDeletionContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class JobLease extends JobLeaseContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class JobLifecycle extends JobLifecycleContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class JobQuery extends JobQueryContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class OptimisticConcurrency extends OptimisticConcurrencyContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Paging extends PagingContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Pipeline extends PipelineContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class RecordImport extends RecordImportContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Schedule extends ScheduleContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Store extends StoreContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Streaming extends StreamingContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Time extends TimeContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Transaction extends TransactionContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Upsert extends UpsertContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class ClaimedJob extends ClaimedJobContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class ImpossibleKey extends ImpossibleKeyContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class JobBytesProgress extends JobBytesProgressContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class JobClaimById extends JobClaimByIdContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class JobFailureCut extends JobFailureCutContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class ResourceKind extends ResourceKindContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Resource extends ResourceContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class ResourceQuery extends ResourceQueryContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class InvalidResourceInput extends InvalidResourceInputContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class ResourceFeed extends ResourceFeedContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class LegacyJsonImport extends LegacyJsonImportContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Construct extends ConstructContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class ConstructQuery extends ConstructQueryContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class ConstructLink extends ConstructLinkContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class ConstructTimeline extends ConstructTimelineContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class InvalidConstructInput extends InvalidConstructInputContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Sessions extends SessionContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Transcripts extends TranscriptContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class ConstructDeletion extends ConstructDeletionContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Search extends SearchContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Artifacts extends ArtifactContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class ArtifactImport extends io.opstate.tck.ArtifactImportContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class SearchIndex extends SearchIndexContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class ArtifactSafety extends ArtifactSafetyContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class CachedReads extends CachedReadContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Tokens extends TokenContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }

    @Nested
    class Preferences extends PreferenceContract {
        @Override
        protected PersistenceConfig.Builder freshStore() {
            return temporary();
        }
    }
}
