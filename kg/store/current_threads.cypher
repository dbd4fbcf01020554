// How many threads a statement of this connection may run on (LadybugDB)
CALL current_setting("threads") RETURN threads
