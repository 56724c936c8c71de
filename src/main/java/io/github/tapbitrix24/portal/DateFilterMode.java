package io.github.tapbitrix24.portal;

/**
 * How datetime filters compare. {@link #EXACT} compares instants to the second (the documented
 * behaviour). {@link #DATE_ONLY} drops the time part of both sides and compares calendar days in
 * the portal's offset, as some portals reportedly do (I:bitrix-tools/b24-rest-docs#215): a
 * {@code >=} window then returns more rows than asked, and a {@code >} window silently loses rows
 * of the same day; tests use it to prove the tap never loses records.
 */
public enum DateFilterMode { EXACT, DATE_ONLY }
