namespace Treu.Server.Web;

/// <summary>The web faces' texts: Text.resx (German, the default) and Text.en.resx, read through IStringLocalizer&lt;Text&gt;.</summary>
public sealed class Text;
