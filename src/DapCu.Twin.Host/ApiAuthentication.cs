using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DapCu.Twin.Host;

/// <summary>
/// Bearer-token check in front of the API: a mutating call (anything but GET/HEAD/OPTIONS) needs the
/// configured token whenever one is set; reads need it unless <see cref="ServeOptions.ReadsAreAnonymous"/>.
/// </summary>
public static class ApiAuthentication
{
    public static IApplicationBuilder UseDapCuApiToken(this IApplicationBuilder app, ServeOptions options)
    {
        var token = string.IsNullOrWhiteSpace(options.ApiToken) ? null : Encoding.UTF8.GetBytes(options.ApiToken);
        return app.Use(async (context, next) =>
        {
            var read = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method);
            var needed = token is not null && (!read || !options.ReadsAreAnonymous);
            if (needed && !Presented(context.Request, token!))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsJsonAsync(new ApiError(read
                    ? "this server serves reads only with its API token: send 'Authorization: Bearer <Serve:ApiToken>'"
                    : "a call that changes a fleet needs the API token: send 'Authorization: Bearer <Serve:ApiToken>'"));
                return;
            }
            await next(context);
        });
    }

    private static bool Presented(HttpRequest request, byte[] token)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), token);
    }
}

/// <summary>The body of every error reply.</summary>
public sealed record ApiError(string Error);
