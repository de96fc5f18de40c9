# Bash runs with the `agent-browser` CLI already connected to the session's browser.
# Select a line and run it, or run the whole file.
agent-browser get title
agent-browser snapshot -i
agent-browser click '#btn'
agent-browser get text '#btn'
