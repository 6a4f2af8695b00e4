/**
 * What every backend's full-text search shares: how text is cut into words, how query text is
 * read, what a search request is after checking, and how hits get their snippets. Backends only
 * store the words this package makes and find the texts holding them, so the same query finds the
 * same texts on every backend.
 */
package io.opstate.core.search;
