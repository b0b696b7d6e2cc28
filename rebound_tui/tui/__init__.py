"""The Textual shell on top of the core: app, screens, widgets, commands."""
