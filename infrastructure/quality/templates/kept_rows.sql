arg_min(failing, sample_key, $sample_rows) filter (where failing_weight > 0)
