{#-
    A model kept in the warehouse as a DuckDB macro (money_mean, the kpi_* filters): the file is
    the macro's body; the statement around it (`create or replace macro name(parameters) as
    table`, or `as (` ... `)` for a scalar) comes from the model catalogue through the model's
    meta, written by `workbench dbt-project`: the same statement the builder runs. The model's
    description (comments.sql's) becomes the macro's comment, as the builder's comments.sql does.
-#}
{% materialization duckdb_macro, adapter='duckdb' %}
  {%- set meta = config.get('meta') -%}
  {{ run_hooks(pre_hooks) }}
  {% call statement('main') -%}
    {{ meta['macro_head'] }}
    {{ sql }}{{ meta['macro_tail'] }}
  {%- endcall %}
  {% if model.description %}
    {% call statement('describe') -%}
      comment on {{ meta['comment_on'] }} is '{{ model.description | replace("'", "''") }}'
    {%- endcall %}
  {% endif %}
  {{ adapter.commit() }}
  {{ run_hooks(post_hooks) }}
  {{ return({'relations': []}) }}
{% endmaterialization %}
