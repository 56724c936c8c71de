/**
 * The generated portal: {@code PortalData} owns every table; a {@code Table} generates its rows on
 * demand from the seed ({@code CrmRows}, {@code ChildRows}, {@code OrgRows}, {@code RequisiteRows},
 * {@code CrmBreadth}, {@code WorkData}) into a {@code Row} (a JSON tree or a reused {@code SlotRow});
 * schemas and field definitions ({@code EntitySchema}, {@code FieldDef}, {@code CrmSchemas},
 * {@code WorkSchemas}, {@code UserFields}, {@code ItemFormat}), creation and modification times
 * ({@code Timeline}), funnels and stage paths ({@code Stages}) and value formats ({@code Fmt}).
 *
 * <p>May import the root {@code portal} package only (options, clock, datasets, JSON toolbox); knows
 * nothing of methods, HTTP or the tap. Mutations by methods go through {@code PortalData}'s own
 * operations.
 */
package io.github.tapbitrix24.portal.data;
