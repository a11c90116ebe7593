namespace Treu.Server.Hosting;

/// <summary>Examples of message templates and their previews.</summary>
public static class MessageExamples
{
    public const string CreateTemplate = """
        {
          "id": "points-expiring",
          "name": "Points expiring in 30 days",
          "channel": "email",
          "de": {
            "subject": "{{ member.first_name }}, {{ expiring.points }} Punkte verfallen bald",
            "html": "<p>Hallo {{ member.first_name }},</p><p>am {{ expiring.date | date: '%d.%m.%Y' }} verfallen {{ expiring.points }} Punkte.</p>",
            "text": "Hallo {{ member.first_name }},\nam {{ expiring.date | date: '%d.%m.%Y' }} verfallen {{ expiring.points }} Punkte."
          },
          "en": {
            "subject": "{{ member.first_name }}, {{ expiring.points }} points expire soon",
            "html": "<p>Hello {{ member.first_name }},</p><p>{{ expiring.points }} points expire on {{ expiring.date | date: '%d %B %Y' }}.</p>",
            "text": "Hello {{ member.first_name }},\n{{ expiring.points }} points expire on {{ expiring.date | date: '%d %B %Y' }}."
          }
        }
        """;

    /// <summary>The whole template as it should be, without its id (which the path names).</summary>
    public const string UpdateTemplate = """
        {
          "name": "Points expiring in 30 days",
          "en": {
            "subject": "{{ member.first_name }}, use your {{ expiring.points }} points",
            "html": "<p>Hello {{ member.first_name }},</p><p>{{ expiring.points }} points expire on {{ expiring.date | date: '%d %B %Y' }}.</p>",
            "text": "Hello {{ member.first_name }},\n{{ expiring.points }} points expire on {{ expiring.date | date: '%d %B %Y' }}."
          }
        }
        """;

    public const string Template = """
        {
          "id": "points-expiring",
          "channel": "email",
          "name": "Points expiring in 30 days",
          "de": null,
          "en": {
            "subject": "{{ member.first_name }}, use your {{ expiring.points }} points",
            "html": "<p>Hello {{ member.first_name }},</p><p>{{ expiring.points }} points expire on {{ expiring.date | date: '%d %B %Y' }}.</p>",
            "text": "Hello {{ member.first_name }},\n{{ expiring.points }} points expire on {{ expiring.date | date: '%d %B %Y' }}."
          },
          "createdAt": "2026-11-23T09:00:00Z",
          "updatedAt": "2026-11-23T09:30:00Z",
          "updatedBy": "api_key:key_01m8k9admin0000000000000000"
        }
        """;

    public const string TemplateList = "[" + Template + "]";

    public const string Preview = """
        { "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r", "language": "en" }
        """;

    public const string Rendered = """
        {
          "templateId": "points-expiring",
          "language": "en",
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "subject": "Anna, use your 300 points",
          "html": "<p>Hello Anna,</p><p>300 points expire on 23 December 2026.</p>",
          "text": "Hello Anna,\n300 points expire on 23 December 2026."
        }
        """;

    public const string Send = """
        { "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r", "transactional": true }
        """;

    public const string Sent = """
        {
          "templateId": "points-expiring",
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "language": "en",
          "to": "anna@example.de",
          "subject": "Anna, 300 points expire soon",
          "transactional": true,
          "messageId": "4J7QZK2M3N.treu@localhost"
        }
        """;
}
