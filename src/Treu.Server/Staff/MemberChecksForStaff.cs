using Treu.Domain.Members;
using Treu.Server.Hosting;

namespace Treu.Server.Staff;

/// <summary>A staff account's e-mail address obeys the same rules as a member's.</summary>
public static class MemberChecksForStaff
{
    public static string? Email(Validation check, string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            check.Add("email", "is required");
            return null;
        }

        var email = EmailAddress.Normalize(raw);
        if (email is null)
        {
            check.Add("email", "is not a valid e-mail address");
        }

        return email;
    }
}
