/**
 * The in-memory backend's implementation. Not API: types here are public only so the provider
 * can reach them and may change in any release.
 */
package io.opstate.memory.internal;
