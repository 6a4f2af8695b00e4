package io.opstate.memory.internal;

import io.opstate.constructs.Construct;
import io.opstate.core.search.SearchDocuments;
import java.util.Objects;

/**
 * Keeps each construct's own text (title and metadata) in the {@link SearchIndex} as the
 * constructs table changes, undo included: the table calls it for every change and every undone one.
 */
final class ConstructTexts implements TableIndex<Construct> {
    private final SearchIndex index;

    ConstructTexts(SearchIndex index) {
        this.index = index;
    }

    @Override
    public void changed(Construct before, Construct after) {
        if (before != null && after != null && Objects.equals(before.title(), after.title())
                && Objects.equals(before.metadata(), after.metadata())) {
            return;
        }
        if (after == null) {
            index.remove(TextKey.construct(before.id()));
        } else {
            index.put(TextKey.construct(after.id()), text(after));
        }
    }

    static SearchIndex.Text text(Construct construct) {
        return SearchIndex.Text.of(SearchDocuments.construct(construct.title(), construct.metadata()),
                construct.createdAt());
    }
}
