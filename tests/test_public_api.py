import eventplan


def test_all_is_sorted_and_unique():
    assert eventplan.__all__ == sorted(set(eventplan.__all__))


def test_all_names_exist():
    missing = [name for name in eventplan.__all__ if not hasattr(eventplan, name)]
    assert missing == []


def test_every_public_class_and_function_is_listed():
    public = {
        name
        for name, value in vars(eventplan).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("eventplan.")
    }
    assert public == set(eventplan.__all__)


def test_errors_share_one_root_and_refine_builtins():
    assert issubclass(eventplan.EventFileError, eventplan.InvalidEventError)
    assert issubclass(eventplan.InvalidEventError, eventplan.EventPlanError)
    assert issubclass(eventplan.InvalidEventError, ValueError)
    assert issubclass(eventplan.UnknownNameError, KeyError)
