<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AppShell</name>
    <message>
        <source>The conversations cannot be saved: %1</source>
        <translation>The conversations cannot be saved: %1</translation>
    </message>
</context>
<context>
    <name>CatalogTab</name>
    <message>
        <source>Fit checked against %1 of device memory at %2 tokens of context</source>
        <translation>Fit checked against %1 of device memory at %2 tokens of context</translation>
    </message>
    <message>
        <source>Device memory unknown: fit checked against %1 at %2 tokens of context</source>
        <translation>Device memory unknown: fit checked against %1 at %2 tokens of context</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Refreshing…</translation>
    </message>
    <message>
        <source>Refresh the catalog</source>
        <translation>Refresh the catalog</translation>
    </message>
    <message>
        <source>Refresh the catalog from its address</source>
        <translation>Refresh the catalog from its address</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catalog</translation>
    </message>
    <message>
        <source>%1%2 · %3 · %4 parameters · licence %5 · context %6</source>
        <translation>%1%2 · %3 · %4 parameters · licence %5 · context %6</translation>
    </message>
    <message>
        <source>context ≤ %1</source>
        <translation>context ≤ %1</translation>
    </message>
    <message>
        <source>Not yet supported</source>
        <translation>Not yet supported</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installed</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Downloading…</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>Download %1</translation>
    </message>
    <message>
        <source>%1: architecture %2 not yet supported</source>
        <translation>%1: architecture %2 not yet supported</translation>
    </message>
    <message>
        <source>The download failed: %1</source>
        <translation>The download failed: %1</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <source>New conversation</source>
        <translation>New conversation</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Conversation settings</translation>
    </message>
    <message>
        <source>Conversation settings: system prompt and sampling</source>
        <translation>Conversation settings: system prompt and sampling</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>Loading the model</translation>
    </message>
    <message>
        <source>Loading the model… %1%</source>
        <translation>Loading the model… %1%</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>What shall we talk about?</source>
        <translation>What shall we talk about?</translation>
    </message>
    <message>
        <source>Type a message below. Enter sends, Shift+Enter starts a new line.</source>
        <translation>Type a message below. Enter sends, Shift+Enter starts a new line.</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 tokens/s</translation>
    </message>
    <message>
        <source>context %1 / %2 tokens</source>
        <translation>context %1 / %2 tokens</translation>
    </message>
    <message>
        <source>the oldest messages no longer fit and were left out</source>
        <translation>the oldest messages no longer fit and were left out</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Loading the model…</translation>
    </message>
    <message>
        <source>Reply stopped: %1</source>
        <translation>Reply stopped: %1</translation>
    </message>
    <message>
        <source>Reply stopped.</source>
        <translation>Reply stopped.</translation>
    </message>
    <message>
        <source>The reply failed.</source>
        <translation>The reply failed.</translation>
    </message>
    <message>
        <source>Reply: %1</source>
        <translation>Reply: %1</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Message (Enter to send, Shift+Enter for a new line)</source>
        <translation>Message (Enter to send, Shift+Enter for a new line)</translation>
    </message>
    <message>
        <source>Open a model to start chatting</source>
        <translation>Open a model to start chatting</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Stop the reply (Esc)</source>
        <translation>Stop the reply (Esc)</translation>
    </message>
    <message>
        <source>Send the message (Enter)</source>
        <translation>Send the message (Enter)</translation>
    </message>
</context>
<context>
    <name>ConnectionsSection</name>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n model</numerusform>
            <numerusform>%n models</numerusform>
        </translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Connections</translation>
    </message>
    <message>
        <source>OpenAI-compatible servers (vLLM, llama.cpp, Ollama, a hosted service, another Causerie): their models appear in the model picker, marked as remote.</source>
        <translation>OpenAI-compatible servers (vLLM, llama.cpp, Ollama, a hosted service, another Causerie): their models appear in the model picker, marked as remote.</translation>
    </message>
    <message>
        <source>No system keyring is available (%1): API keys are kept for this session only and must be entered again after a restart.</source>
        <translation>No system keyring is available (%1): API keys are kept for this session only and must be entered again after a restart.</translation>
    </message>
    <message>
        <source>%1 · API key set</source>
        <translation>%1 · API key set</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>List the models of %1 again</source>
        <translation>List the models of %1 again</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Remove the connection %1</source>
        <translation>Remove the connection %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>GPU server</source>
        <translation>GPU server</translation>
    </message>
    <message>
        <source>Name of the new connection</source>
        <translation>Name of the new connection</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <source>Base URL of the new connection</source>
        <translation>Base URL of the new connection</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API key</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>API key of the new connection (kept in the system keyring)</source>
        <translation>API key of the new connection (kept in the system keyring)</translation>
    </message>
    <message>
        <source>Add the connection</source>
        <translation>Add the connection</translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Conversation actions</source>
        <translation>Conversation actions</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Rename conversation</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Delete conversation</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>Export as Markdown…</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>Export as JSON…</translation>
    </message>
    <message>
        <source>Conversation, updated today at %1</source>
        <translation>Conversation, updated today at %1</translation>
    </message>
    <message>
        <source>Conversation, updated on %1</source>
        <translation>Conversation, updated on %1</translation>
    </message>
</context>
<context>
    <name>ConversationSettingsDrawer</name>
    <message>
        <source>Conversation settings</source>
        <translation>Conversation settings</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>System prompt</translation>
    </message>
    <message>
        <source>You are a helpful assistant.</source>
        <translation>You are a helpful assistant.</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <source>Repeat penalty</source>
        <translation>Repeat penalty</translation>
    </message>
    <message>
        <source>Maximum reply length (tokens, -1: no limit)</source>
        <translation>Maximum reply length (tokens, -1: no limit)</translation>
    </message>
    <message>
        <source>Seed (-1: random)</source>
        <translation>Seed (-1: random)</translation>
    </message>
    <message>
        <source>Context length (tokens, 0: what the device allows)</source>
        <translation>Context length (tokens, 0: what the device allows)</translation>
    </message>
    <message>
        <source>Think before answering</source>
        <translation>Think before answering</translation>
    </message>
    <message>
        <source>The model writes its reasoning first (slower, often better on hard questions). Off: it answers at once.</source>
        <translation>The model writes its reasoning first (slower, often better on hard questions). Off: it answers at once.</translation>
    </message>
    <message>
        <source>Answer from my documents</source>
        <translation>Answer from my documents</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n passage</numerusform>
            <numerusform>%n passages</numerusform>
        </translation>
    </message>
    <message>
        <source>Answer from the collection %1</source>
        <translation>Answer from the collection %1</translation>
    </message>
    <message>
        <source>Lexical search only (no embedding model installed): the question&apos;s words and their forms are looked for.</source>
        <translation>Lexical search only (no embedding model installed): the question&apos;s words and their forms are looked for.</translation>
    </message>
    <message>
        <source>No collection of documents yet.</source>
        <translation>No collection of documents yet.</translation>
    </message>
    <message>
        <source>Manage documents…</source>
        <translation>Manage documents…</translation>
    </message>
    <message>
        <source>Open the documents page</source>
        <translation>Open the documents page</translation>
    </message>
    <message>
        <source>Lexical search only: the embedding model %1 cannot be loaded (%2).</source>
        <translation>Lexical search only: the embedding model %1 cannot be loaded (%2).</translation>
    </message>
    <message>
        <source>Lexical search only (no embedding model chosen in the Documents page): the question&apos;s words and their forms are looked for.</source>
        <translation>Lexical search only (no embedding model chosen in the Documents page): the question&apos;s words and their forms are looked for.</translation>
    </message>
    <message>
        <source>Hybrid search (words and meaning) with %1.</source>
        <translation>Hybrid search (words and meaning) with %1.</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Close the documents page</source>
        <translation>Close the documents page</translation>
    </message>
    <message>
        <source>A conversation answers from the collections switched on in its settings, citing the passages it used.</source>
        <translation>A conversation answers from the collections switched on in its settings, citing the passages it used.</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>Collections</translation>
    </message>
    <message>
        <source>New collection name</source>
        <translation>New collection name</translation>
    </message>
    <message>
        <source>Name of a new collection</source>
        <translation>Name of a new collection</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Create the collection</source>
        <translation>Create the collection</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1: %2, %3</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n passage</numerusform>
            <numerusform>%n passages</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n unreadable</numerusform>
            <numerusform>%n unreadable</numerusform>
        </translation>
    </message>
    <message>
        <source>No collection yet: name one above, then add folders or files to it.</source>
        <translation>No collection yet: name one above, then add folders or files to it.</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>Add a folder…</translation>
    </message>
    <message>
        <source>Add a folder to the collection</source>
        <translation>Add a folder to the collection</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>Add files to the collection</source>
        <translation>Add files to the collection</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Remove the collection %1</source>
        <translation>Remove the collection %1</translation>
    </message>
    <message>
        <source>Folders and files (watched for changes)</source>
        <translation>Folders and files (watched for changes)</translation>
    </message>
    <message>
        <source>Remove %1 from the collection</source>
        <translation>Remove %1 from the collection</translation>
    </message>
    <message>
        <source>Indexing progress</source>
        <translation>Indexing progress</translation>
    </message>
    <message>
        <source>Indexing paused.</source>
        <translation>Indexing paused.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Resume indexing</source>
        <translation>Resume indexing</translation>
    </message>
    <message>
        <source>Pause indexing</source>
        <translation>Pause indexing</translation>
    </message>
    <message>
        <source>Files of the collection</source>
        <translation>Files of the collection</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: could not be read: %2</source>
        <translation>%1: could not be read: %2</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unreadable</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>No file yet: add a folder or files (PDF, HTML, Markdown, text, ODT, DOCX).</source>
        <translation>No file yet: add a folder or files (PDF, HTML, Markdown, text, ODT, DOCX).</translation>
    </message>
    <message>
        <source>Add a folder to “%1”</source>
        <translation>Add a folder to “%1”</translation>
    </message>
    <message>
        <source>/home/me/Documents</source>
        <translation>/home/me/Documents</translation>
    </message>
    <message>
        <source>Add files to “%1”</source>
        <translation>Add files to “%1”</translation>
    </message>
    <message>
        <source>/home/me/Documents/report.pdf</source>
        <translation>/home/me/Documents/report.pdf</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.html *.htm *.md *.markdown *.txt *.odt *.docx)</source>
        <translation>Documents (*.pdf *.html *.htm *.md *.markdown *.txt *.odt *.docx)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>Remove the collection?</source>
        <translation>Remove the collection?</translation>
    </message>
    <message>
        <source>“%1” and its index are removed. Your files stay where they are.</source>
        <translation>“%1” and its index are removed. Your files stay where they are.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Indexing “%1”: %2 of %3 files…</source>
        <translation>Indexing “%1”: %2 of %3 files…</translation>
    </message>
    <message>
        <source>Search by meaning with</source>
        <translation>Search by meaning with</translation>
    </message>
    <message>
        <source>None: lexical search only</source>
        <translation>None: lexical search only</translation>
    </message>
    <message>
        <source>Embedding model for documents</source>
        <translation>Embedding model for documents</translation>
    </message>
    <message>
        <source>Lexical search only: the embedding model %1 cannot be loaded (%2).</source>
        <translation>Lexical search only: the embedding model %1 cannot be loaded (%2).</translation>
    </message>
    <message>
        <source>Lexical search only (words and their French and English forms).</source>
        <translation>Lexical search only (words and their French and English forms).</translation>
    </message>
    <message>
        <source>Hybrid search (words and meaning) with %1.</source>
        <translation>Hybrid search (words and meaning) with %1.</translation>
    </message>
    <message>
        <source>“%1”: the meaning of %2 of %3 passages computed…</source>
        <translation>“%1”: the meaning of %2 of %3 passages computed…</translation>
    </message>
    <message>
        <source>Lexical search only (words and their French and English forms): no embedding model is installed. Install one from the Models page (its catalog) to search by meaning too.</source>
        <translation>Lexical search only (words and their French and English forms): no embedding model is installed. Install one from the Models page (its catalog) to search by meaning too.</translation>
    </message>
</context>
<context>
    <name>DownloadsPanel</name>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Checking the partial file…</source>
        <translation>Checking the partial file…</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Downloading</translation>
    </message>
    <message>
        <source>Network error, retrying in %1 s</source>
        <translation>Network error, retrying in %1 s</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installed</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Downloads (%1 in progress)</source>
        <translation>Downloads (%1 in progress)</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause the download of %1</source>
        <translation>Pause the download of %1</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Try the download of %1 again</source>
        <translation>Try the download of %1 again</translation>
    </message>
    <message>
        <source>Resume the download of %1</source>
        <translation>Resume the download of %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancel the download of %1 and delete the partial file</source>
        <translation>Cancel the download of %1 and delete the partial file</translation>
    </message>
    <message>
        <source>Remove %1 from the list</source>
        <translation>Remove %1 from the list</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>Progress of %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>unknown size</source>
        <translation>unknown size</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 left</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>Hide details</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Hide the technical details</source>
        <translation>Hide the technical details</translation>
    </message>
    <message>
        <source>Show the technical details</source>
        <translation>Show the technical details</translation>
    </message>
</context>
<context>
    <name>FilePicker</name>
    <message>
        <source>Where to save the file (its full path):</source>
        <translation>Where to save the file (its full path):</translation>
    </message>
    <message>
        <source>The file picker cannot open because a part of Qt is not installed (%1). Type the file&apos;s full path instead.</source>
        <translation>The file picker cannot open because a part of Qt is not installed (%1). Type the file&apos;s full path instead.</translation>
    </message>
    <message>
        <source>/home/me/Documents/conversation.md</source>
        <translation>/home/me/Documents/conversation.md</translation>
    </message>
    <message>
        <source>/home/me/Models/model.gguf</source>
        <translation>/home/me/Models/model.gguf</translation>
    </message>
    <message>
        <source>Path of the file</source>
        <translation>Path of the file</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>The folder picker cannot open because a part of Qt is not installed (%1). Type the folder&apos;s full path instead.</source>
        <translation>The folder picker cannot open because a part of Qt is not installed (%1). Type the folder&apos;s full path instead.</translation>
    </message>
</context>
<context>
    <name>FitBadge</name>
    <message>
        <source>Fits</source>
        <translation>Fits</translation>
    </message>
    <message>
        <source>Tight</source>
        <translation>Tight</translation>
    </message>
    <message>
        <source>Too big</source>
        <translation>Too big</translation>
    </message>
    <message>
        <source>Fit unknown</source>
        <translation>Fit unknown</translation>
    </message>
    <message>
        <source>The memory needed is unknown</source>
        <translation>The memory needed is unknown</translation>
    </message>
    <message>
        <source>Needs about %1 of %2 at %3 tokens of context%4</source>
        <translation>Needs about %1 of %2 at %3 tokens of context%4</translation>
    </message>
    <message>
        <source> (device memory unknown, assumed)</source>
        <translation> (device memory unknown, assumed)</translation>
    </message>
    <message>
        <source>Suggested context: %1 tokens</source>
        <translation>Suggested context: %1 tokens</translation>
    </message>
    <message>
        <source>Even a short context does not fit</source>
        <translation>Even a short context does not fit</translation>
    </message>
    <message>
        <source>Fits with %1 layers of experts in system memory</source>
        <translation>Fits with %1 layers of experts in system memory</translation>
    </message>
    <message>
        <source>The experts of %1 layers stay in system memory, read by the GPU in place: it runs, more slowly</source>
        <translation>The experts of %1 layers stay in system memory, read by the GPU in place: it runs, more slowly</translation>
    </message>
</context>
<context>
    <name>InstalledTab</name>
    <message>
        <source>LM Studio folder</source>
        <translation>LM Studio folder</translation>
    </message>
    <message>
        <source>GPT4All folder</source>
        <translation>GPT4All folder</translation>
    </message>
    <message>
        <source>used in place</source>
        <translation>used in place</translation>
    </message>
    <message>
        <source>models folder</source>
        <translation>models folder</translation>
    </message>
    <message>
        <source>Scanning the models folder…</source>
        <translation>Scanning the models folder…</translation>
    </message>
    <message>
        <source>Models folder: %1</source>
        <translation>Models folder: %1</translation>
    </message>
    <message>
        <source>Import GGUF file…</source>
        <translation>Import GGUF file…</translation>
    </message>
    <message>
        <source>Import a GGUF file</source>
        <translation>Import a GGUF file</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>Rescan</translation>
    </message>
    <message>
        <source>Scan the models folder again</source>
        <translation>Scan the models folder again</translation>
    </message>
    <message>
        <source>No model installed yet. Download one from the catalog or import a GGUF file.</source>
        <translation>No model installed yet. Download one from the catalog or import a GGUF file.</translation>
    </message>
    <message>
        <source>Installed models</source>
        <translation>Installed models</translation>
    </message>
    <message>
        <source>(loaded)</source>
        <translation>(loaded)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 parameters · context %4 · %5 on disk · %6</source>
        <translation>%1 · %2 · %3 parameters · context %4 · %5 on disk · %6</translation>
    </message>
    <message>
        <source>chat template</source>
        <translation>chat template</translation>
    </message>
    <message>
        <source>no chat template</source>
        <translation>no chat template</translation>
    </message>
    <message>
        <source>Found in the %1 · %2</source>
        <translation>Found in the %1 · %2</translation>
    </message>
    <message>
        <source>Unreadable: %1</source>
        <translation>Unreadable: %1</translation>
    </message>
    <message>
        <source>Architecture %1 is not yet supported</source>
        <translation>Architecture %1 is not yet supported</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Load</translation>
    </message>
    <message>
        <source>Load %1</source>
        <translation>Load %1</translation>
    </message>
    <message>
        <source>Use in place</source>
        <translation>Use in place</translation>
    </message>
    <message>
        <source>Use %1 where it is</source>
        <translation>Use %1 where it is</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Forget</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Delete %1</translation>
    </message>
    <message>
        <source>Import a GGUF model</source>
        <translation>Import a GGUF model</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF models (*.gguf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>Import %1</translation>
    </message>
    <message>
        <source>Copy the file into the models folder, or use it where it is (it must then stay there)?</source>
        <translation>Copy the file into the models folder, or use it where it is (it must then stay there)?</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the file into the models folder</source>
        <translation>Copy the file into the models folder</translation>
    </message>
    <message>
        <source>Use the file where it is</source>
        <translation>Use the file where it is</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation>Cancel the import</translation>
    </message>
    <message>
        <source>Forget this model?</source>
        <translation>Forget this model?</translation>
    </message>
    <message>
        <source>Delete this model?</source>
        <translation>Delete this model?</translation>
    </message>
    <message>
        <source>%1 will be removed from the list; the file stays where it is.</source>
        <translation>%1 will be removed from the list; the file stays where it is.</translation>
    </message>
    <message>
        <source>%1 will be deleted from the disk, freeing %2.</source>
        <translation>%1 will be deleted from the disk, freeing %2.</translation>
    </message>
    <message>
        <source>Confirm: remove %1</source>
        <translation>Confirm: remove %1</translation>
    </message>
    <message>
        <source>Keep the model</source>
        <translation>Keep the model</translation>
    </message>
    <message>
        <source>embedding model</source>
        <translation>embedding model</translation>
    </message>
    <message>
        <source>Embedding model (for documents)</source>
        <translation>Embedding model (for documents)</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>%1 — Causerie</source>
        <translation>%1 — Causerie</translation>
    </message>
</context>
<context>
    <name>MessageBlocks</name>
    <message>
        <source>Writing a reply</source>
        <translation>Writing a reply</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copy code</translation>
    </message>
    <message>
        <source>Copy this code block</source>
        <translation>Copy this code block</translation>
    </message>
    <message>
        <source>Code: %1</source>
        <translation>Code: %1</translation>
    </message>
    <message>
        <source>This link cannot be opened: %1</source>
        <translation>This link cannot be opened: %1</translation>
    </message>
    <message>
        <source>Source %1: show it below</source>
        <translation>Source %1: show it below</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistant</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>Edit message</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Cancel editing</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Send the edited message</source>
        <translation>Send the edited message</translation>
    </message>
    <message>
        <source>The reply failed.</source>
        <translation>The reply failed.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Stopped.</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>Previous version</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>Version %1 of %2</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Next version</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the message</source>
        <translation>Copy the message</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Edit and send again as a new version</source>
        <translation>Edit and send again as a new version</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Regenerate</translation>
    </message>
    <message>
        <source>Write another version of this reply</source>
        <translation>Write another version of this reply</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Delete this message and what follows it</source>
        <translation>Delete this message and what follows it</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 tokens/s</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>%1 (writing…)</source>
        <translation>%1 (writing…)</translation>
    </message>
    <message>
        <source>Message %1 of %2</source>
        <translation>Message %1 of %2</translation>
    </message>
    <message>
        <source>Interrupted: the app was closed during this reply.</source>
        <translation>Interrupted: the app was closed during this reply.</translation>
    </message>
    <message>
        <source>Cut at the length limit.</source>
        <translation>Cut at the length limit.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Energy used by this machine while writing the reply, measured from: %1. CO₂e estimated at %2 gCO₂e/kWh (the setting).</source>
        <translation>Energy used by this machine while writing the reply, measured from: %1. CO₂e estimated at %2 gCO₂e/kWh (the setting).</translation>
    </message>
    <message>
        <source>Searching your documents…</source>
        <translation>Searching your documents…</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>Hide the excerpt</source>
        <translation>Hide the excerpt</translation>
    </message>
    <message>
        <source>Show the excerpt</source>
        <translation>Show the excerpt</translation>
    </message>
    <message>
        <source>%1, page %2</source>
        <translation>%1, page %2</translation>
    </message>
    <message>
        <source>[%1] %2</source>
        <translation>[%1] %2</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Open %1 at page %2</source>
        <translation>Open %1 at page %2</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Open %1</translation>
    </message>
    <message>
        <source>%1 · collection “%2”</source>
        <translation>%1 · collection “%2”</translation>
    </message>
</context>
<context>
    <name>MessageText</name>
    <message>
        <source>[image from %2, not loaded: %1]</source>
        <translation>[image from %2, not loaded: %1]</translation>
    </message>
    <message>
        <source>[image not loaded: %1]</source>
        <translation>[image not loaded: %1]</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Choose a model</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Model: %1</translation>
    </message>
    <message>
        <source>Reload %1</source>
        <translation>Reload %1</translation>
    </message>
    <message>
        <source>Open GGUF file…</source>
        <translation>Open GGUF file…</translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation>Open a GGUF model</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF models (*.gguf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Load %1</source>
        <translation>Load %1</translation>
    </message>
    <message>
        <source>Manage models…</source>
        <translation>Manage models…</translation>
    </message>
    <message>
        <source>Model: %1 (remote)</source>
        <translation>Model: %1 (remote)</translation>
    </message>
    <message>
        <source>☁ %1 — %2 (remote)</source>
        <translation>☁ %1 — %2 (remote)</translation>
    </message>
    <message>
        <source>Use %1 on %2 (remote)</source>
        <translation>Use %1 on %2 (remote)</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>Models</source>
        <translation>Models</translation>
    </message>
    <message>
        <source>Close the models page</source>
        <translation>Close the models page</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catalog</translation>
    </message>
    <message>
        <source>Catalog of recommended models</source>
        <translation>Catalog of recommended models</translation>
    </message>
    <message>
        <source>Installed (%1)</source>
        <translation>Installed (%1)</translation>
    </message>
    <message>
        <source>Installed models</source>
        <translation>Installed models</translation>
    </message>
    <message>
        <source>Search Hugging Face</source>
        <translation>Search Hugging Face</translation>
    </message>
</context>
<context>
    <name>ReasoningBlock</name>
    <message>
        <source>Thinking…</source>
        <translation>Thinking…</translation>
    </message>
    <message>
        <source>Thought for %1 s</source>
        <translation>Thought for %1 s</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Reasoning</translation>
    </message>
    <message>
        <source>%1, shown: hide the reasoning</source>
        <translation>%1, shown: hide the reasoning</translation>
    </message>
    <message>
        <source>%1, hidden: show the reasoning</source>
        <translation>%1, hidden: show the reasoning</translation>
    </message>
    <message>
        <source>Reasoning: %1</source>
        <translation>Reasoning: %1</translation>
    </message>
</context>
<context>
    <name>SearchResultDelegate</name>
    <message>
        <source>Result in %1</source>
        <translation>Result in %1</translation>
    </message>
</context>
<context>
    <name>SearchTab</name>
    <message>
        <source>Search Hugging Face for GGUF models (e.g. qwen 2.5)</source>
        <translation>Search Hugging Face for GGUF models (e.g. qwen 2.5)</translation>
    </message>
    <message>
        <source>Search Hugging Face</source>
        <translation>Search Hugging Face</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Server: %1 (change it in the settings to use a mirror)</source>
        <translation>Server: %1 (change it in the settings to use a mirror)</translation>
    </message>
    <message>
        <source>Repositories found</source>
        <translation>Repositories found</translation>
    </message>
    <message>
        <source>Search results appear here.</source>
        <translation>Search results appear here.</translation>
    </message>
    <message>
        <source>Show the files of %1</source>
        <translation>Show the files of %1</translation>
    </message>
    <message>
        <source>%1 downloads · %2 likes</source>
        <translation>%1 downloads · %2 likes</translation>
    </message>
    <message>
        <source>GGUF files</source>
        <translation>GGUF files</translation>
    </message>
    <message>
        <source>GGUF files of %1</source>
        <translation>GGUF files of %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Recommended quantization</source>
        <translation>Recommended quantization</translation>
    </message>
    <message>
        <source>Split file</source>
        <translation>Split file</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>Download %1</translation>
    </message>
</context>
<context>
    <name>ServerSection</name>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Serve the loaded model over the OpenAI API</source>
        <translation>Serve the loaded model over the OpenAI API</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Port of the server (0: any free port)</source>
        <translation>Port of the server (0: any free port)</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API key</translation>
    </message>
    <message>
        <source>set (type a new one to change it)</source>
        <translation>set (type a new one to change it)</translation>
    </message>
    <message>
        <source>none: any program on this computer may use it</source>
        <translation>none: any program on this computer may use it</translation>
    </message>
    <message>
        <source>API key the clients must send (kept in the system keyring)</source>
        <translation>API key the clients must send (kept in the system keyring)</translation>
    </message>
    <message>
        <source>Remove the key</source>
        <translation>Remove the key</translation>
    </message>
    <message>
        <source>Set the key</source>
        <translation>Set the key</translation>
    </message>
    <message>
        <source>Allow other computers (listen on every network interface)</source>
        <translation>Allow other computers (listen on every network interface)</translation>
    </message>
    <message>
        <source>Listening on %1 (model name: %2)</source>
        <translation>Listening on %1 (model name: %2)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Off</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>Font size</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>Data folder: %1</translation>
    </message>
    <message>
        <source>Log level</source>
        <translation>Log level</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Debugging</source>
        <translation>Debugging</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Everything</translation>
    </message>
    <message>
        <source>Log files</source>
        <translation>Log files</translation>
    </message>
    <message>
        <source>Open the log folder</source>
        <translation>Open the log folder</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Close the settings</source>
        <translation>Close the settings</translation>
    </message>
    <message>
        <source>GPU device</source>
        <translation>GPU device</translation>
    </message>
    <message>
        <source>Automatic (the best device)</source>
        <translation>Automatic (the best device)</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Default model</translation>
    </message>
    <message>
        <source>none (choose one in the model picker)</source>
        <translation>none (choose one in the model picker)</translation>
    </message>
    <message>
        <source>Default model: %1</source>
        <translation>Default model: %1</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Forget</translation>
    </message>
    <message>
        <source>Do not load a model at start</source>
        <translation>Do not load a model at start</translation>
    </message>
    <message>
        <source>Model catalog address</source>
        <translation>Model catalog address</translation>
    </message>
    <message>
        <source>https://… (the built-in catalog when empty)</source>
        <translation>https://… (the built-in catalog when empty)</translation>
    </message>
    <message>
        <source>Hugging Face server</source>
        <translation>Hugging Face server</translation>
    </message>
    <message>
        <source>Hugging Face server (or a mirror)</source>
        <translation>Hugging Face server (or a mirror)</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <source>Electricity carbon intensity</source>
        <translation>Electricity carbon intensity</translation>
    </message>
    <message>
        <source>Electricity carbon intensity, in grams of CO₂ equivalent per kilowatt-hour</source>
        <translation>Electricity carbon intensity, in grams of CO₂ equivalent per kilowatt-hour</translation>
    </message>
    <message>
        <source>gCO₂e/kWh, for the estimate shown with each reply&apos;s energy (France: 57)</source>
        <translation>gCO₂e/kWh, for the estimate shown with each reply&apos;s energy (France: 57)</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>Previous 7 days</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>Older</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>New chat</translation>
    </message>
    <message>
        <source>New chat (Ctrl+N)</source>
        <translation>New chat (Ctrl+N)</translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>Start a new conversation (Ctrl+N)</translation>
    </message>
    <message>
        <source>Search all messages</source>
        <translation>Search all messages</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>No message matches</source>
        <translation>No message matches</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>No conversations yet</source>
        <translation>No conversations yet</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Rename conversation</translation>
    </message>
    <message>
        <source>New title</source>
        <translation>New title</translation>
    </message>
    <message>
        <source>Delete conversation?</source>
        <translation>Delete conversation?</translation>
    </message>
    <message>
        <source>“%1” and all its messages will be deleted. This cannot be undone.</source>
        <translation>“%1” and all its messages will be deleted. This cannot be undone.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Delete the conversation</source>
        <translation>Delete the conversation</translation>
    </message>
    <message>
        <source>Import a conversation…</source>
        <translation>Import a conversation…</translation>
    </message>
    <message>
        <source>Import a conversation from a JSON export</source>
        <translation>Import a conversation from a JSON export</translation>
    </message>
    <message>
        <source>Export the conversation</source>
        <translation>Export the conversation</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <source>Markdown files (*.md)</source>
        <translation>Markdown files (*.md)</translation>
    </message>
    <message>
        <source>Import a conversation</source>
        <translation>Import a conversation</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Models</translation>
    </message>
    <message>
        <source>Models: catalog, installed models and downloads</source>
        <translation>Models: catalog, installed models and downloads</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Documents: the collections conversations answer from</source>
        <translation>Documents: the collections conversations answer from</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Welcome to Causerie</source>
        <translation>Welcome to Causerie</translation>
    </message>
    <message>
        <source>A local model is a language model that runs on this computer: your conversations never leave it, and it keeps working offline. Choose one to start.</source>
        <translation>A local model is a language model that runs on this computer: your conversations never leave it, and it keeps working offline. Choose one to start.</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>On this computer</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Open %1</translation>
    </message>
    <message>
        <source>Suggested for this computer</source>
        <translation>Suggested for this computer</translation>
    </message>
    <message>
        <source>Suggested (the memory of this computer&apos;s GPU is unknown: sizes are a guide)</source>
        <translation>Suggested (the memory of this computer&apos;s GPU is unknown: sizes are a guide)</translation>
    </message>
    <message>
        <source>%1 · %2%3 to download</source>
        <translation>%1 · %2%3 to download</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Downloading…</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>Download %1</translation>
    </message>
    <message>
        <source>Download of %1: %2</source>
        <translation>Download of %1: %2</translation>
    </message>
    <message>
        <source>I already have GGUF files…</source>
        <translation>I already have GGUF files…</translation>
    </message>
    <message>
        <source>Import GGUF files I already have</source>
        <translation>Import GGUF files I already have</translation>
    </message>
    <message>
        <source>All models…</source>
        <translation>All models…</translation>
    </message>
    <message>
        <source>Open the Models page</source>
        <translation>Open the Models page</translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation>Open a GGUF model</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF models (*.gguf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
</context>
<context>
    <name>causerie::gui::AppController</name>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>Cannot load %1: %2</translation>
    </message>
    <message>
        <source>%1 · template %2 · context %3 tokens · %4</source>
        <translation>%1 · template %2 · context %3 tokens · %4</translation>
    </message>
    <message>
        <source>Cannot export the conversation: %1</source>
        <translation>Cannot export the conversation: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>Cannot import %1: %2</source>
        <translation>Cannot import %1: %2</translation>
    </message>
    <message>
        <source>%1 tokens of context take %2 of device memory (%3 with the weights, of %4)</source>
        <translation>%1 tokens of context take %2 of device memory (%3 with the weights, of %4)</translation>
    </message>
    <message>
        <source>; the model was trained on %1 tokens, it will be used up to there</source>
        <translation>; the model was trained on %1 tokens, it will be used up to there</translation>
    </message>
    <message>
        <source>: too much for this device</source>
        <translation>: too much for this device</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 kB</source>
        <translation>%1 kB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>%1 TB</source>
        <translation>%1 TB</translation>
    </message>
    <message>
        <source>remote model · %1 · %2</source>
        <translation>remote model · %1 · %2</translation>
    </message>
    <message>
        <source>%1 mWh</source>
        <translation>%1 mWh</translation>
    </message>
    <message>
        <source>%1 Wh</source>
        <translation>%1 Wh</translation>
    </message>
    <message>
        <source>%1 kWh</source>
        <translation>%1 kWh</translation>
    </message>
    <message>
        <source>%1 mg CO₂e</source>
        <translation>%1 mg CO₂e</translation>
    </message>
    <message>
        <source>%1 g CO₂e</source>
        <translation>%1 g CO₂e</translation>
    </message>
    <message>
        <source>%1 kg CO₂e</source>
        <translation>%1 kg CO₂e</translation>
    </message>
    <message>
        <source>%1 is an embedding model (for documents), not a chat model: choose it in the Documents page.</source>
        <translation>%1 is an embedding model (for documents), not a chat model: choose it in the Documents page.</translation>
    </message>
</context>
<context>
    <name>causerie::gui::ChatController</name>
    <message>
        <source>Load a model first: choose one in the model picker at the top.</source>
        <translation>Load a model first: choose one in the model picker at the top.</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>New conversation</translation>
    </message>
    <message>
        <source>The reply failed: %1</source>
        <translation>The reply failed: %1</translation>
    </message>
    <message>
        <source>The documents could not be searched: %1</source>
        <translation>The documents could not be searched: %1</translation>
    </message>
</context>
<context>
    <name>causerie::gui::ConnectionsController</name>
    <message>
        <source>The address must be an http:// or https:// URL, such as http://127.0.0.1:8080/v1.</source>
        <translation>The address must be an http:// or https:// URL, such as http://127.0.0.1:8080/v1.</translation>
    </message>
    <message>
        <source>A connection named %1 exists already.</source>
        <translation>A connection named %1 exists already.</translation>
    </message>
</context>
<context>
    <name>causerie::gui::DocumentsController</name>
    <message>
        <source>There is already a collection named “%1”.</source>
        <translation>There is already a collection named “%1”.</translation>
    </message>
    <message>
        <source>“%1”: %2 added, %3 updated, %4 unchanged, %5 removed, %6 unreadable; %7 written.</source>
        <translation>“%1”: %2 added, %3 updated, %4 unchanged, %5 removed, %6 unreadable; %7 written.</translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n passage</numerusform>
            <numerusform>%n passages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s) given their meaning&apos;s vector by %1.</source>
        <translation>
            <numerusform>%n passage given its meaning&apos;s vector by %1.</numerusform>
            <numerusform>%n passages given their meaning&apos;s vector by %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>causerie::gui::ModelsController</name>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>not enough disk space in %1: %2 needed, %3 free</source>
        <translation>not enough disk space in %1: %2 needed, %3 free</translation>
    </message>
    <message>
        <source>the file is corrupt (SHA-256 expected %1, got %2); it was deleted</source>
        <translation>the file is corrupt (SHA-256 expected %1, got %2); it was deleted</translation>
    </message>
    <message>
        <source>%1; gave up after %2 attempts</source>
        <translation>%1; gave up after %2 attempts</translation>
    </message>
    <message>
        <source>connection closed at byte %1 of %2</source>
        <translation>connection closed at byte %1 of %2</translation>
    </message>
    <message>
        <source>the server answered HTTP %1 (%2)</source>
        <translation>the server answered HTTP %1 (%2)</translation>
    </message>
    <message>
        <source>%1 is already installed</source>
        <translation>%1 is already installed</translation>
    </message>
    <message>
        <source>%1 is already in the download queue</source>
        <translation>%1 is already in the download queue</translation>
    </message>
    <message>
        <source>not a usable GGUF file (%1); it was deleted</source>
        <translation>not a usable GGUF file (%1); it was deleted</translation>
    </message>
    <message>
        <source>not a usable GGUF file: %1</source>
        <translation>not a usable GGUF file: %1</translation>
    </message>
    <message>
        <source>size mismatch: %1 bytes written, %2 expected</source>
        <translation>size mismatch: %1 bytes written, %2 expected</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1: no such file</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>cannot write %1: %2</translation>
    </message>
    <message>
        <source>Hugging Face answered HTTP %1 for %2</source>
        <translation>Hugging Face answered HTTP %1 for %2</translation>
    </message>
    <message>
        <source>Hugging Face: %1</source>
        <translation>Hugging Face: %1</translation>
    </message>
    <message>
        <source>no installed model &apos;%1&apos;</source>
        <translation>no installed model &apos;%1&apos;</translation>
    </message>
    <message>
        <source>The models database cannot be opened: %1</source>
        <translation>The models database cannot be opened: %1</translation>
    </message>
    <message>
        <source>The catalog cannot be refreshed (the last copy is shown): %1</source>
        <translation>The catalog cannot be refreshed (the last copy is shown): %1</translation>
    </message>
    <message>
        <source>No catalog address is set (see the settings): the built-in catalog is shown.</source>
        <translation>No catalog address is set (see the settings): the built-in catalog is shown.</translation>
    </message>
    <message>
        <source>The catalog address is not a valid URL: %1</source>
        <translation>The catalog address is not a valid URL: %1</translation>
    </message>
    <message>
        <source>No such model in the catalog: %1</source>
        <translation>No such model in the catalog: %1</translation>
    </message>
    <message>
        <source>%1 is not supported yet</source>
        <translation>%1 is not supported yet</translation>
    </message>
    <message>
        <source>Cannot download %1: %2</source>
        <translation>Cannot download %1: %2</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>The search failed: %1</translation>
    </message>
    <message>
        <source>The files of %1 cannot be listed: %2</source>
        <translation>The files of %1 cannot be listed: %2</translation>
    </message>
    <message>
        <source>Copying %1 into the models folder…</source>
        <translation>Copying %1 into the models folder…</translation>
    </message>
    <message>
        <source>Cannot import %1: %2</source>
        <translation>Cannot import %1: %2</translation>
    </message>
    <message>
        <source>%1 is installed</source>
        <translation>%1 is installed</translation>
    </message>
    <message>
        <source>Cannot delete the model: %1</source>
        <translation>Cannot delete the model: %1</translation>
    </message>
    <message>
        <source>%1 was removed</source>
        <translation>%1 was removed</translation>
    </message>
    <message>
        <source>No Internet connection, or the server cannot be reached: the catalog, the search and the downloads need one. Local models keep working.</source>
        <translation>No Internet connection, or the server cannot be reached: the catalog, the search and the downloads need one. Local models keep working.</translation>
    </message>
    <message>
        <source>Catalog up to date: %1, %2</source>
        <translation>Catalog up to date: %1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%n models</source>
        <translation>
            <numerusform>%n model</numerusform>
            <numerusform>%n models</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>causerie::gui::RemoteEngine</name>
    <message>
        <source>connection refused by %1 (is the server running?)</source>
        <translation>connection refused by %1 (is the server running?)</translation>
    </message>
    <message>
        <source>the host %1 is not found</source>
        <translation>the host %1 is not found</translation>
    </message>
    <message>
        <source>%1 refused the API key (HTTP %2)</source>
        <translation>%1 refused the API key (HTTP %2)</translation>
    </message>
    <message>
        <source>not found at %1: no such model, or a wrong base URL</source>
        <translation>not found at %1: no such model, or a wrong base URL</translation>
    </message>
    <message>
        <source>%1 did not answer in time</source>
        <translation>%1 did not answer in time</translation>
    </message>
    <message>
        <source>the stream from %1 was cut before its end; the partial reply is kept</source>
        <translation>the stream from %1 was cut before its end; the partial reply is kept</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2</source>
        <translation>%1 answered HTTP %2</translation>
    </message>
    <message>
        <source>%1 reported an error</source>
        <translation>%1 reported an error</translation>
    </message>
    <message>
        <source>%1 does not answer as an OpenAI-compatible server</source>
        <translation>%1 does not answer as an OpenAI-compatible server</translation>
    </message>
    <message>
        <source>no remote endpoint is chosen</source>
        <translation>no remote endpoint is chosen</translation>
    </message>
</context>
<context>
    <name>causerie::gui::ServerController</name>
    <message>
        <source>This engine cannot serve its model.</source>
        <translation>This engine cannot serve its model.</translation>
    </message>
    <message>
        <source>The server cannot listen on port %1 (is it in use?).</source>
        <translation>The server cannot listen on port %1 (is it in use?).</translation>
    </message>
</context>
</TS>
